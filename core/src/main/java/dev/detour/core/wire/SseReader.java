package dev.detour.core.wire;

import dev.detour.core.internal.Require;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads Server-Sent Events from a stream by the rules of the HTML standard, not by one provider's
 * habits: {@code data:} with or without a space, comment lines, multi-line data, CR, LF or CRLF line
 * ends, a leading byte order mark dropped, and events with no data ignored.
 *
 * <p>Unlike a browser, it also delivers an event that the end of the stream cuts off before its blank
 * line: providers that end a body without one would otherwise lose their last chunk. Whether a stream
 * ended <em>complete</em> is for the caller to decide from the content (a finish reason, a
 * {@code [DONE]} marker).
 */
public final class SseReader implements AutoCloseable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final BufferedReader lines;
    private String lastEventId;
    private boolean started;

    public SseReader(Reader source) {
        Require.nonNull(source, "source");
        this.lines = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
    }

    /** The next event, or empty at the end of the stream. */
    public Optional<SseEvent> next() throws IOException {
        StringBuilder data = null;
        String type = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (!started) {
                started = true;
                if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(event(type, data));
                }
                type = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                default -> {
                    // "retry" and unknown fields do not concern a client that never reconnects.
                }
            }
        }
        return data == null ? Optional.empty() : Optional.of(event(type, data));
    }

    private SseEvent event(String type, StringBuilder data) {
        return new SseEvent(type == null || type.isEmpty() ? "message" : type, data.toString(),
                Optional.ofNullable(lastEventId));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
