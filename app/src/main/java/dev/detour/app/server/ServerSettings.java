package dev.detour.app.server;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import dev.detour.core.wire.LoopbackHosts;
import java.time.Duration;
import java.util.Optional;

/**
 * Where {@code detour serve} listens and how it treats its clients. A server bound to anything but a
 * loopback address must have a token, so no one on the network can start runs on its keys.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port, 0 for any free one
 * @param token the bearer token every {@code /v1} request must carry, if set ({@code DETOUR_SERVER_TOKEN})
 * @param heartbeat how long an event stream may stay silent before the server sends a comment
 * @param maxBodyBytes the largest request body accepted
 * @param doctorInterval the shortest time between two probe rounds of {@code GET /v1/doctor}
 */
public record ServerSettings(String host, int port, Optional<Secret> token, Duration heartbeat, int maxBodyBytes,
        Duration doctorInterval) {

    /** The variable that holds the server's bearer token. */
    public static final String TOKEN_VARIABLE = "DETOUR_SERVER_TOKEN";

    public ServerSettings {
        Require.nonBlank(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
        }
        Require.nonNull(token, "token");
        Require.positive(heartbeat, "heartbeat");
        Require.positive(maxBodyBytes, "maxBodyBytes");
        Require.nonNull(doctorInterval, "doctorInterval");
        if (!LoopbackHosts.isLoopback(host) && token.isEmpty()) {
            throw new IllegalArgumentException("binding " + host + " exposes the server beyond this machine, so it needs a token:"
                    + " set " + TOKEN_VARIABLE + " to a long random value (clients send it as Authorization: Bearer <token>),"
                    + " or bind 127.0.0.1");
        }
    }

    /** Listens on {@code host}:{@code port}; heartbeats every 15 s, bodies up to 64 KiB, a probe round at most every 30 s. */
    public static ServerSettings of(String host, int port, Optional<Secret> token) {
        return new ServerSettings(host, port, token, Duration.ofSeconds(15), 64 * 1024, Duration.ofSeconds(30));
    }

    public ServerSettings withHeartbeat(Duration value) {
        return new ServerSettings(host, port, token, value, maxBodyBytes, doctorInterval);
    }

    @Override
    public String toString() {
        return "ServerSettings[" + host + ":" + port + ", token " + (token.isPresent() ? "set" : "not set") + "]";
    }
}
