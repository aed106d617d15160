package dev.detour.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request to an evidence source's endpoint: its parameters from the query string and, for a form POST,
 * the body, and the origin it was sent to (for the absolute links some sources put in their answers).
 *
 * @param endpoint the endpoint asked, such as {@code esearch}
 * @param parameters every parameter by name, values in the order they came
 * @param origin such as {@code http://127.0.0.1:41234}
 */
record SourceRequest(String endpoint, Map<String, List<String>> parameters, String origin) {

    SourceRequest {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    static SourceRequest of(HttpExchange exchange, String endpoint, String body) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        read(exchange.getRequestURI().getRawQuery(), parameters);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            read(body, parameters);
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String origin = "http://" + (host != null ? host : "127.0.0.1:" + exchange.getLocalAddress().getPort());
        return new SourceRequest(endpoint, parameters, origin);
    }

    /** The first value of {@code name}, if it came and is not blank. */
    Optional<String> first(String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.stream().filter(value -> !value.isBlank()).findFirst().map(String::strip);
    }

    String first(String name, String fallback) {
        return first(name).orElse(fallback);
    }

    /** The value of {@code name} as a whole number from {@code min} to {@code max}, or {@code fallback} if absent or not one. */
    int number(String name, int fallback, int min, int max) {
        try {
            return first(name).map(Integer::parseInt).map(value -> Math.max(min, Math.min(max, value))).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Every value of {@code name}, each split at commas, as id lists are. */
    List<String> list(String name) {
        List<String> items = new ArrayList<>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    private static void read(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            into.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
