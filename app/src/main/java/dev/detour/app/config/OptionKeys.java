package dev.detour.app.config;

import java.util.Collection;

/** Matches a configuration key against allowed keys, where {@code prefix.*} admits any {@code prefix.<name>}. */
final class OptionKeys {

    private OptionKeys() {}

    static boolean admits(Collection<String> allowed, String key) {
        for (String pattern : allowed) {
            if (pattern.endsWith(".*")) {
                String prefix = pattern.substring(0, pattern.length() - 1);
                if (key.startsWith(prefix) && key.length() > prefix.length()) {
                    return true;
                }
            } else if (pattern.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
