package dev.detour.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ModelRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Reads a {@link RunRequest} from a request body, naming the field of the first problem it finds. */
final class RunRequestReader {

    static final int MAX_QUESTION_LENGTH = 4000;
    static final int MAX_ITERATIONS = 10;
    private static final Set<String> FIELDS = Set.of("question", "chain", "sources", "maxIterations", "tokenBudget");

    private final ObjectMapper mapper;
    private final Set<String> chainProviders;
    private final Set<String> knownSources;

    /**
     * @param chainProviders the providers a requested chain may use: those of the configured chain
     * @param knownSources the evidence sources this server can search
     */
    RunRequestReader(ObjectMapper mapper, Set<String> chainProviders, Set<String> knownSources) {
        this.mapper = mapper;
        this.chainProviders = Set.copyOf(chainProviders);
        this.knownSources = Set.copyOf(knownSources);
    }

    RunRequest read(String body) {
        JsonNode root = tree(body);
        if (!root.isObject()) {
            throw ApiException.badJson("the body must be a JSON object such as {\"question\": \"Why is the sky blue?\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field; the fields are question, chain, sources, maxIterations, tokenBudget");
            }
        }
        return new RunRequest(question(root.get("question")), chain(root.get("chain")), sources(root.get("sources")),
                maxIterations(root.get("maxIterations")), tokenBudget(root.get("tokenBudget")));
    }

    /** Reads an optional body that holds at most a {@code tokenBudget}, as a resume takes. */
    OptionalLong readBudgetOnly(String body) {
        if (body.isBlank()) {
            return OptionalLong.empty();
        }
        JsonNode root = tree(body);
        if (!root.isObject()) {
            throw ApiException.badJson("the body must be empty or a JSON object such as {\"tokenBudget\": 80000}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("tokenBudget")) {
                throw ApiException.badRequest(name, "unknown field; a resume takes only tokenBudget");
            }
        }
        return tokenBudget(root.get("tokenBudget"));
    }

    private JsonNode tree(String body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw ApiException.badJson("the body is empty; send a JSON object such as {\"question\": \"Why is the sky blue?\"}");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw ApiException.badJson("the body is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String question(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("question", "missing; give the question to research");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw ApiException.badRequest("question", "must be non-blank text");
        }
        String question = node.textValue().strip();
        if (question.length() > MAX_QUESTION_LENGTH) {
            throw ApiException.badRequest("question", "is " + question.length() + " characters long; the most is "
                    + MAX_QUESTION_LENGTH);
        }
        return question;
    }

    private Optional<List<ModelRef>> chain(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.badRequest("chain", "must be a non-empty list of models such as [\"hf:Qwen/Qwen2.5-7B-Instruct\"]");
        }
        List<ModelRef> chain = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "chain[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isTextual()) {
                throw ApiException.badRequest(field, "must be text such as \"hf:Qwen/Qwen2.5-7B-Instruct\"");
            }
            ModelRef model;
            try {
                model = ModelRef.parse(entry.textValue());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field, e.getMessage());
            }
            if (!chainProviders.contains(model.provider())) {
                throw ApiException.badRequest(field, "provider \"" + model.provider()
                        + "\" is not one this server's chain uses; use one of " + chainProviders.stream().sorted().toList());
            }
            chain.add(model);
        }
        return Optional.of(List.copyOf(chain));
    }

    private List<String> sources(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("sources", "must be a list of evidence source names");
        }
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isTextual() || !knownSources.contains(entry.textValue())) {
                throw ApiException.badRequest("sources[" + i + "]", "not an evidence source of this server; "
                        + (knownSources.isEmpty() ? "it has none configured, so leave sources out"
                                : "use one of " + knownSources.stream().sorted().toList()));
            }
            sources.add(entry.textValue());
        }
        return sources;
    }

    private static OptionalInt maxIterations(JsonNode node) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_ITERATIONS) {
            throw ApiException.badRequest("maxIterations", "must be a whole number from 1 to " + MAX_ITERATIONS);
        }
        return OptionalInt.of(node.intValue());
    }

    private static OptionalLong tokenBudget(JsonNode node) {
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            throw ApiException.badRequest("tokenBudget", "must be a whole number of at least 1");
        }
        return OptionalLong.of(node.longValue());
    }
}
