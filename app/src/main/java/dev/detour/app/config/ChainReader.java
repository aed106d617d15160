package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ModelRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the chain of model references, from the file's {@code chain} list or the {@code --chain} option,
 * and checks that each names a declared provider.
 */
final class ChainReader {

    private static final String EXAMPLE = "hf:Qwen/Qwen2.5-72B-Instruct";
    private static final String SHAPE = "write \"<provider>:<model id>\", such as " + EXAMPLE;

    /** One chain entry and where it was written. */
    record Entry(KeyPath path, ModelRef model) {}

    private ChainReader() {}

    /** The entries of the file's {@code chain}; empty if it is not a list. */
    static List<Entry> fromFile(JsonNode node, KeyPath path, Problems problems) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            problems.add(path, "is empty; list at least one model, such as - " + EXAMPLE);
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(path, "expected a list of \"<provider>:<model id>\" entries, found " + Values.found(node)
                    + "; write each entry on its own line starting with \"- \"");
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
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
                    .flatMap(text -> parse(text, at, problems))
                    .ifPresent(model -> entries.add(new Entry(at, model)));
        }
        return entries;
    }

    /** The entries of {@code --chain a,b,c}. */
    static List<Entry> fromOption(String text, Problems problems) {
        KeyPath at = KeyPath.label("--chain");
        if (text.isBlank()) {
            problems.add(at, "is empty; list at least one model, such as --chain " + EXAMPLE + ",openai:gpt-4o-mini");
            return List.of();
        }
        if (SecretShapes.looksLikeKey(text)) {
            problems.add(at, "looks like it holds an API key; keys belong in the environment variable named by"
                    + " token-env, never on the command line");
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                problems.add(at, "entry " + (i + 1) + " is empty; separate model references with single commas,"
                        + " such as " + EXAMPLE + ",openai:gpt-4o-mini");
                continue;
            }
            parse(parts[i], at, problems).ifPresent(model -> entries.add(new Entry(at, model)));
        }
        return entries;
    }

    /** Reports each entry whose provider is not declared; returns the models if every one is. */
    static Optional<List<ModelRef>> resolve(List<Entry> entries, DeclaredProviders providers, Problems problems) {
        boolean valid = true;
        for (Entry entry : entries) {
            if (!providers.declares(entry.model().provider())) {
                problems.add(entry.path(), Shown.quoted(entry.model().toString()) + " names provider "
                        + Shown.quoted(entry.model().provider()) + ", which is not configured; use one of: "
                        + providers.names());
                valid = false;
            }
        }
        return valid && !entries.isEmpty() ? Optional.of(entries.stream().map(Entry::model).toList()) : Optional.empty();
    }

    private static Optional<ModelRef> parse(String text, KeyPath at, Problems problems) {
        try {
            return Optional.of(ModelRef.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(at, Shown.quoted(text.strip()) + " is not a model reference; " + SHAPE);
            return Optional.empty();
        }
    }
}
