package dev.detour.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps what the simulator received: every request in arrival order (unless told to count only) and a
 * count per requested model or source, both without a lock. Credential headers and key parameters are
 * masked on the way in.
 */
final class Recorder {

    static final int KEPT_CHARACTERS = 4;
    static final String MASK = "****";

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key", "api-key");
    private static final Pattern KEY_PARAMETER = Pattern.compile("(?i)(?<=^|[?&])(api_key|api-key|apikey)=([^&#]*)");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final boolean keepRequests;
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    Recorder(boolean keepRequests) {
        this.keepRequests = keepRequests;
    }

    /**
     * Records what {@code exchange} brought, credentials masked.
     *
     * @param model the model as scenarios name it, empty if none
     * @param source the source endpoint as scenarios name it, such as {@code pubmed:esearch}, empty if none
     */
    void record(HttpExchange exchange, Instant receivedAt, String body, String model, String source) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            List<String> masked = new ArrayList<>(values.size());
            values.forEach(value -> masked.add(masked(name, value)));
            headers.put(name, masked);
        });
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
        record(new RecordedRequest(receivedAt, exchange.getRequestMethod(),
                maskedParameters(exchange.getRequestURI().toString()), headers, form ? maskedParameters(body) : body,
                model, source));
    }

    void record(RecordedRequest request) {
        if (keepRequests) {
            requests.add(request);
        }
        counts.computeIfAbsent(keyOf(request), key -> new LongAdder()).increment();
    }

    List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    List<RecordedRequest> matching(RequestKey key) {
        List<RecordedRequest> found = new ArrayList<>();
        for (RecordedRequest request : requests) {
            if (covers(key, keyOf(request))) {
                found.add(request);
            }
        }
        return found;
    }

    long count(RequestKey key) {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
            if (covers(key, entry.getKey())) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** {@code value} kept to its first {@value #KEPT_CHARACTERS} characters when {@code name} is a credential header. */
    static String masked(String name, String value) {
        if (!CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return kept(value);
    }

    /** A request target or form body with the value of every {@code api_key} parameter kept to its first characters. */
    static String maskedParameters(String text) {
        Matcher matcher = KEY_PARAMETER.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(masked, Matcher.quoteReplacement(matcher.group(1) + "=" + kept(matcher.group(2))));
        }
        return matcher.appendTail(masked).toString();
    }

    private static String kept(String value) {
        return value.length() <= KEPT_CHARACTERS ? MASK : value.substring(0, KEPT_CHARACTERS) + MASK;
    }

    private static String keyOf(RecordedRequest request) {
        return request.model().isEmpty() ? request.source() : request.model();
    }

    private static boolean covers(RequestKey key, String recorded) {
        if (recorded.isEmpty()) {
            return false;
        }
        try {
            return key.covers(RequestKey.parse(recorded));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
