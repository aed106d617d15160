package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses keys written into a configuration file (DESIGN §6): a credential-like key name such as
 * {@code token} or {@code api-key}, and any key-shaped value or name anywhere. Problems say where, never
 * what: the value is not repeated.
 */
final class SecretScan {

    static final String NOT_HERE = "API keys do not belong in the config file";

    private SecretScan() {}

    static void scan(JsonNode root, Problems problems) {
        walk(root, KeyPath.root(), Optional.empty(), "token-env", problems);
    }

    private static void walk(JsonNode node, KeyPath path, Optional<JsonNode> provider, String keyEnv,
            Problems problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                KeyPath child = path.key(entry.getKey());
                if (SecretShapes.looksLikeKey(entry.getKey())) {
                    problems.add(child, "this key name looks like an API key; " + NOT_HERE + "; "
                            + whereKeysGo(provider, keyEnv));
                } else if (SecretShapes.isCredentialName(entry.getKey())) {
                    problems.add(child, NOT_HERE + "; " + whereKeysGo(provider, keyEnv));
                } else {
                    boolean isEntry = (path.text().equals("providers") || path.text().equals("sources"))
                            && entry.getValue().isObject();
                    String variableKey = path.text().equals("sources") ? "key-env" : keyEnv;
                    walk(entry.getValue(), child, isEntry ? Optional.of(entry.getValue()) : provider, variableKey,
                            problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path.index(i), provider, keyEnv, problems);
            }
        } else if (node.isTextual() && SecretShapes.looksLikeKey(node.textValue())) {
            problems.add(path, "this value looks like an API key; " + NOT_HERE + "; " + whereKeysGo(provider, keyEnv));
        }
    }

    private static String whereKeysGo(Optional<JsonNode> provider, String keyEnv) {
        Optional<String> variable = provider
                .map(node -> node.get(keyEnv))
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .filter(name -> ProvidersReader.isVariableName(name) && !SecretShapes.looksLikeKey(name));
        if (variable.isPresent()) {
            return "put the key in the environment variable named by " + keyEnv + " (" + variable.get() + ")";
        }
        String entry = keyEnv.equals("key-env") ? "source" : "provider";
        return provider.isPresent()
                ? "put the key in an environment variable and name that variable with " + keyEnv + " on this " + entry
                : "put the key in an environment variable and name that variable with " + keyEnv + " on its " + entry;
    }
}
