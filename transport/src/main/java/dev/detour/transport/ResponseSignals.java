package dev.detour.transport;

import dev.detour.core.wire.SseEvent;
import dev.detour.core.wire.SseReader;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Response;

/**
 * The {@link Signal}s of one response, read from it only as each is asked for, on the asking thread: the
 * head (or the rejection with its cut body), then the whole body or one event at a time up to the end.
 */
final class ResponseSignals implements AutoCloseable {

    private final Response response;
    private final ResponseSizeLimit limit;
    private final HttpHead head;
    private boolean started;
    private SseReader events;

    /** The signals of {@code response}, whose body is read under {@code limit}. */
    ResponseSignals(Response response, ResponseSizeLimit limit) {
        this.response = response;
        this.limit = limit;
        this.head = HttpHead.of(response);
    }

    /** Whether {@code signal} is the last one of its response. */
    static boolean isLast(Signal signal) {
        return !(signal instanceof Signal.Head || signal instanceof Signal.Event);
    }

    Signal next() throws IOException {
        try {
            if (!started) {
                started = true;
                return response.isSuccessful()
                        ? new Signal.Head(head, head.isEventStream())
                        : new Signal.Rejected(head, limit.errorBody(response));
            }
            if (!head.isEventStream()) {
                return new Signal.Body(limit.successBody(response).bytes());
            }
            if (events == null) {
                events = new SseReader(limit.successBody(response).charStream());
            }
            Optional<SseEvent> event = events.next();
            return event.isPresent() ? new Signal.Event(event.get()) : new Signal.End();
        } catch (RuntimeException e) {
            throw new IOException("reading the response failed: " + e, e);
        }
    }

    @Override
    public void close() {
        response.close();
    }
}
