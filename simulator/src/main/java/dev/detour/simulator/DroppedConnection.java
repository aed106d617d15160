package dev.detour.simulator;

/**
 * Thrown out of the handler to make the JDK's HTTP server close the connection at once, without the
 * rest of the body or the end of a chunked stream, as a provider that dies mid-response does.
 */
final class DroppedConnection extends RuntimeException {

    DroppedConnection() {
        super("connection dropped as the scenario says", null, false, false);
    }
}
