package dev.detour.core.workflow;

import java.time.Instant;

/** Makes an event once the engine that publishes it has given it its sequence number and time. */
@FunctionalInterface
public interface EventFactory {

    /** The event numbered {@code sequence}, which happened at {@code at}. */
    WorkflowEvent create(long sequence, Instant at);
}
