package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.internal.Suggestions;
import dev.detour.core.model.ModelRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the chain of model references, from the file's {@code chain} list or the {@code --chain} option,
 * and checks that each names a declared provider; problems come in chain order, one entry after the other.
 */
final class ChainReader {

    private static final String EXAMPLE = "hf:Qwen/Qwen2.5-72B-Instruct";
    private static final String SHAPE = "write \"<provider>:<model id>\", such as " + EXAMPLE;

    private ChainReader() {}

    /** The models of the file's {@code chain}, if every entry is valid. */
    static Optional<List<ModelRef>> fromFile(JsonNode node, KeyPath path, DeclaredProviders providers, Problems problems) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            problems.add(path, "is empty; list at least one model, such as - " + EXAMPLE);
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.add(path, "expected a list of \"<provider>:<model id>\" entries, found " + Values.found(node)
                    + "; write each entry on its own line starting with \"- \"");
            return Optional.empty();
        }
        int before = problems.count();
        List<ModelRef> models = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            KeyPath at = path.index(i);
            JsonNode item = node.get(i);
            if (item.isObject() && item.size() == 1) {
                Map.Entry<String, JsonNode> pair = item.properties().iterator().next();
                String joined = pair.getKey() + ":" + pair.getValue().asText();
                problems.add(at, "expected text \"<provider>:<model id>\", found a map; write it without a space"
                        + " after the colon: " + Shown.quoted(joined));
                continue;
            }
            Values.text(item, at, "text \"<provider>:<model id>\"", SHAPE, problems)
                    .flatMap(text -> model(text, at, providers, problems))
                    .ifPresent(models::add);
        }
        return valid(models, before, problems);
    }

    /** The models of {@code --chain a,b,c}, if every entry is valid. */
    static Optional<List<ModelRef>> fromOption(String text, DeclaredProviders providers, Problems problems) {
        KeyPath at = KeyPath.label("--chain");
        if (text.isBlank()) {
            problems.add(at, "is empty; list at least one model, such as --chain " + EXAMPLE + ",openai:gpt-4o-mini");
            return Optional.empty();
        }
        if (SecretShapes.looksLikeKey(text)) {
            problems.add(at, "looks like it holds an API key; keys belong in the environment variable named by"
                    + " token-env, never on the command line");
            return Optional.empty();
        }
        int before = problems.count();
        List<ModelRef> models = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                problems.add(at, "entry " + (i + 1) + " is empty; separate model references with single commas,"
                        + " such as " + EXAMPLE + ",openai:gpt-4o-mini");
                continue;
            }
            model(parts[i], at, providers, problems).ifPresent(models::add);
        }
        return valid(models, before, problems);
    }

    private static Optional<List<ModelRef>> valid(List<ModelRef> models, int problemsBefore, Problems problems) {
        return problems.count() == problemsBefore && !models.isEmpty() ? Optional.of(List.copyOf(models)) : Optional.empty();
    }

    /** The entry's model if it parses and names a declared provider; else one problem at its key path. */
    private static Optional<ModelRef> model(String text, KeyPath at, DeclaredProviders providers, Problems problems) {
        Optional<ModelRef> model = parse(text, at, problems);
        if (model.isPresent() && !providers.declares(model.get().provider())) {
            String guess = Suggestions.nearest(model.get().provider(), providers.declaredTypes().keySet())
                    .map(meant -> "; did you mean " + meant + "?").orElse("");
            problems.add(at, Shown.quoted(model.get().toString()) + " names provider "
                    + Shown.quoted(model.get().provider()) + ", which is not configured" + guess + "; use one of: "
                    + providers.names());
            return Optional.empty();
        }
        return model;
    }

    private static Optional<ModelRef> parse(String text, KeyPath at, Problems problems) {
        ModelRef model;
        try {
            model = ModelRef.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(at, Shown.quoted(text.strip()) + " is not a model reference; " + SHAPE);
            return Optional.empty();
        }
        if (Arrays.stream(model.model().split("[/:]", -1)).anyMatch(segment -> segment.matches("(?i)(\\.|%2e){1,2}"))) {
            problems.add(at, Shown.quoted(text.strip()) + " has a \".\" or \"..\" segment in its model id, which could"
                    + " point a request outside the provider's route; write the model id as the provider names it");
            return Optional.empty();
        }
        return Optional.of(model);
    }
}
