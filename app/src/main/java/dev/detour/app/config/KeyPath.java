package dev.detour.app.config;

import dev.detour.core.secret.Redaction;
import java.util.regex.Pattern;

/**
 * Where a value sits in the configuration, written as problems name it: {@code resilience.backoff.initial},
 * {@code chain[2]}, or a label such as {@code --chain} for a value that came from elsewhere.
 */
record KeyPath(String text) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    static KeyPath root() {
        return new KeyPath("");
    }

    /** A value that did not come from the file, such as the {@code --chain} option or an environment variable. */
    static KeyPath label(String label) {
        return new KeyPath(label);
    }

    KeyPath key(String name) {
        String segment;
        if (SecretShapes.looksLikeKey(name)) {
            segment = Redaction.MASK;
        } else if (PLAIN_KEY.matcher(name).matches()) {
            segment = name;
        } else {
            segment = Shown.quoted(name);
        }
        return new KeyPath(text.isEmpty() ? segment : text + "." + segment);
    }

    KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]");
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "top level" : text;
    }
}
