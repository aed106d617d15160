package dev.detour.adapters.huggingface;

import dev.detour.core.wire.RetryWait;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a configuration file's type-specific options of a {@code huggingface} provider to its settings:
 * {@code route.<provider>}, {@code connect-timeout}, {@code read-timeout}, {@code call-timeout},
 * {@code max-response-bytes} and {@code max-concurrent-calls}. An unknown key is refused by name, so a typo does not go unnoticed.
 */
final class SettingsOptions {

    static final String ROUTE_PREFIX = "route.";

    private SettingsOptions() {}

    static HuggingFaceSettings apply(HuggingFaceSettings settings, Map<String, String> options) {
        HuggingFaceSettings result = settings;
        Duration connect = settings.connectTimeout();
        Duration read = settings.readTimeout();
        Duration call = settings.callTimeout();
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String key = option.getKey();
            String value = option.getValue() == null ? "" : option.getValue().strip();
            switch (key) {
                case "connect-timeout" -> connect = duration(key, value);
                case "read-timeout" -> read = duration(key, value);
                case "call-timeout" -> call = duration(key, value);
                case "max-response-bytes" -> result = result.withMaxResponseBytes(bytes(key, value));
                case "max-concurrent-calls" -> result = result.withMaxConcurrentCalls((int) bytes(key, value));
                default -> {
                    if (!key.startsWith(ROUTE_PREFIX) || key.length() == ROUTE_PREFIX.length()) {
                        throw new IllegalArgumentException("unknown option \"" + key + "\" of Hugging Face provider \""
                                + settings.providerName() + "\"; known options: route.<provider> (such as"
                                + " route.novita: /v3/openai/chat/completions), connect-timeout, read-timeout,"
                                + " call-timeout, max-response-bytes, max-concurrent-calls");
                    }
                    result = result.withProviderRoute(key.substring(ROUTE_PREFIX.length()), value);
                }
            }
        }
        return result.withTimeouts(connect, read, call);
    }

    private static Duration duration(String key, String value) {
        return RetryWait.goDuration(value)
                .filter(duration -> !duration.isZero() && !value.strip().matches("[0-9.]+"))
                .orElseThrow(() ->
                new IllegalArgumentException("option " + key + " must be a duration such as 10s, 500ms or 2m,"
                        + " was \"" + value + "\""));
    }

    private static long bytes(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a whole number such as "
                    + (key.equals("max-concurrent-calls") ? "64" : "8388608") + ", was \"" + value + "\"", e);
        }
    }
}
