package dev.detour.core.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Numbers a run's events and hands them to its listeners one at a time, in order. */
final class EventDispatcher {

    /** Makes an event once its sequence number and time are known. */
    @FunctionalInterface
    interface EventFactory {
        WorkflowEvent create(long sequence, Instant at);
    }

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Clock clock;
    private final List<WorkflowListener> listeners;
    private final ReentrantLock lock = new ReentrantLock();
    private long sequence;

    EventDispatcher(Clock clock, List<WorkflowListener> listeners) {
        this.clock = clock;
        this.listeners = listeners;
    }

    void publish(EventFactory factory) {
        lock.lock();
        try {
            WorkflowEvent event = factory.create(++sequence, clock.instant());
            for (WorkflowListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, () -> "workflow listener " + listener.getClass().getName()
                            + " failed on " + event.getClass().getSimpleName() + " (" + e + "); the run goes on");
                    LOG.log(System.Logger.Level.DEBUG, "listener failure", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
