package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.time.Duration;
import java.util.List;

/**
 * How {@code detour serve} behaves, from the {@code server} section: how many runs it takes at once,
 * which browser origins may call it, and how long a stopping server lets its runs go on.
 *
 * @param maxConcurrentRuns the most runs in progress at once; one more is refused with HTTP 429
 * @param corsOrigins the origins (such as {@code https://example.org}) allowed to call the API from a browser; empty turns CORS off
 * @param shutdownGrace how long a stopping server waits for each running run to reach its next durable step before cancelling it
 */
public record ServerConfig(int maxConcurrentRuns, List<String> corsOrigins, Duration shutdownGrace) {

    public ServerConfig {
        Require.positive(maxConcurrentRuns, "maxConcurrentRuns");
        corsOrigins = List.copyOf(Require.nonNull(corsOrigins, "corsOrigins"));
        Require.nonNull(shutdownGrace, "shutdownGrace");
    }

    /** Eight runs at once, no CORS, five seconds of grace at shutdown. */
    public static ServerConfig defaults() {
        return new ServerConfig(8, List.of(), Duration.ofSeconds(5));
    }
}
