package dev.detour.adapters.huggingface;

import dev.detour.core.wire.SseEvent;
import java.io.IOException;

/**
 * What the I/O thread of an {@link Exchange} hands to the calling thread, in order: either
 * {@link Rejected} or {@link Failed}, or a {@link Head} followed by one {@link Body}, or by
 * {@link Event}s up to an {@link End} or a {@link Failed}.
 */
sealed interface Signal {

    /** A successful status; the body follows. */
    record Head(HttpHead head) implements Signal {}

    /** An error status with the (bounded) error body. */
    record Rejected(HttpHead head, byte[] body) implements Signal {}

    /** The whole body of a response that is not an event stream. */
    record Body(byte[] bytes) implements Signal {}

    /** One event of an event stream. */
    record Event(SseEvent event) implements Signal {}

    /** The event stream's body ended. */
    record End() implements Signal {}

    /** The exchange failed in transport, before or while reading the body. */
    record Failed(IOException error) implements Signal {}
}
