package dev.detour.app.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems, one line each, so that all of them are reported at once. */
final class Problems {

    private final List<String> lines = new ArrayList<>();

    void add(KeyPath path, String message) {
        lines.add(path + ": " + message);
    }

    int count() {
        return lines.size();
    }

    /** Throws a {@link ConfigException} holding every problem of the configuration from {@code source}, if any. */
    void throwIfAny(String source) {
        if (!lines.isEmpty()) {
            throw new ConfigException(source, lines);
        }
    }
}
