package dev.detour.app.config;

import java.util.Map;

/**
 * The providers a configuration declares: those that are valid, and the type of every declared name,
 * valid or not, so that chain entries are checked against what was declared rather than what survived.
 *
 * @param valid the valid providers by name, in declaration order
 * @param declaredTypes every declared provider name and its type ({@code ""} when unknown)
 */
record DeclaredProviders(Map<String, ProviderConfig> valid, Map<String, String> declaredTypes) {

    DeclaredProviders {
        valid = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(valid));
        declaredTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(declaredTypes));
    }

    boolean declares(String name) {
        return declaredTypes.containsKey(name);
    }

    String names() {
        return String.join(", ", declaredTypes.keySet());
    }
}
