package dev.detour.transport;

import dev.detour.core.wire.SseEvent;

/**
 * Takes the events of one streamed response, in order, on the calling thread, and makes the result when
 * the stream is over.
 *
 * @param <T> the result, such as a chat answer
 */
public interface EventReader<T> {

    /**
     * Takes one event.
     *
     * @return false once the stream said it is complete (such as {@code [DONE]}): no more events are
     *     waited for, and the rest of the body is drained so that the connection can be reused
     */
    boolean accept(SseEvent event);

    /** The result, once the body ended or {@link #accept} returned false. */
    T finish();
}
