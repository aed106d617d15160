package dev.detour.transport;

import dev.detour.core.wire.SseEvent;
import java.io.IOException;

/**
 * What reaches the calling thread of an {@link Exchange}, in order: {@link Rejected}, {@link Failed} or
 * {@link Expired}; or a {@link Head} followed by one {@link Body}, or by {@link Event}s up to an
 * {@link End}; a {@link Failed} or {@link Expired} may cut the body short.
 */
sealed interface Signal {

    /** A successful status; its body follows, as events if {@code events}. */
    record Head(HttpHead head, boolean events) implements Signal {}

    /** An error status with its (cut) error body. */
    record Rejected(HttpHead head, byte[] body) implements Signal {}

    /** The whole body of a response that is not an event stream. */
    record Body(byte[] bytes) implements Signal {}

    /** One event of an event stream. */
    record Event(SseEvent event) implements Signal {}

    /** The event stream ended. */
    record End() implements Signal {}

    /** The exchange failed in transport, before or while reading the body. */
    record Failed(IOException error) implements Signal {}

    /** The caller's deadline passed; {@code dispatched} says whether the call had left the queue. */
    record Expired(boolean dispatched) implements Signal {}
}
