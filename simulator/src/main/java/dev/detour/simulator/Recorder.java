package dev.detour.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps what the simulator received: every request in arrival order (unless told to count only) and a
 * count per requested model, both without a lock. Credential headers are masked on the way in.
 */
final class Recorder {

    static final int KEPT_CHARACTERS = 4;
    static final String MASK = "****";

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key", "api-key");

    private final boolean keepRequests;
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    Recorder(boolean keepRequests) {
        this.keepRequests = keepRequests;
    }

    void record(RecordedRequest request) {
        if (keepRequests) {
            requests.add(request);
        }
        counts.computeIfAbsent(request.model(), model -> new LongAdder()).increment();
    }

    List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    List<RecordedRequest> matching(ModelKey key) {
        List<RecordedRequest> found = new ArrayList<>();
        for (RecordedRequest request : requests) {
            if (covers(key, request.model())) {
                found.add(request);
            }
        }
        return found;
    }

    long count(ModelKey key) {
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
        return value.length() <= KEPT_CHARACTERS ? MASK : value.substring(0, KEPT_CHARACTERS) + MASK;
    }

    private static boolean covers(ModelKey key, String recorded) {
        if (recorded.isEmpty()) {
            return false;
        }
        try {
            return key.covers(ModelKey.parse(recorded));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
