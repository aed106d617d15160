package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A behaviour with a latency before its first byte and extra response headers. */
record Decorated(Behaviour inner, Latency latency, Map<String, String> headers) implements Behaviour {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

    Decorated {
        Require.nonNull(inner, "inner");
        Require.nonNull(latency, "latency");
        if (inner instanceof Decorated) {
            throw new IllegalArgumentException("a decorated behaviour must not wrap another one");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull(headers, "headers")));
        headers.forEach(Decorated::checkHeader);
    }

    static Decorated of(Behaviour behaviour) {
        return behaviour instanceof Decorated decorated ? decorated : new Decorated(behaviour, Latency.NONE, Map.of());
    }

    Decorated withLatency(Latency value) {
        return new Decorated(inner, value, headers);
    }

    @Override
    public Decorated withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Decorated(inner, latency, more);
    }

    /**
     * Checks that a scripted response header is one the simulator can send.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static void checkHeader(String name, String value) {
        Require.nonNull(name, "header name");
        Require.nonNull(value, "header value");
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a header name");
        }
        if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the simulator from the behaviour;"
                    + " choose another behaviour (oversized, disconnect, drip) to shape the body");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the value of header " + name + " must be on one line");
        }
    }
}
