package dev.detour.core.workflow;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Numbers a run's events and hands them to its listeners one at a time, in order. */
final class EventDispatcher {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Clock clock;
    private final List<WorkflowListener> listeners;
    private final RunJournal journal;
    private final ReentrantLock lock = new ReentrantLock();
    private long sequence;

    /** A dispatcher whose first event is number {@code lastSequence + 1}, each one also written to {@code journal}. */
    EventDispatcher(Clock clock, List<WorkflowListener> listeners, RunJournal journal, long lastSequence) {
        this.clock = clock;
        this.listeners = listeners;
        this.journal = journal;
        this.sequence = lastSequence;
    }

    /** Publishes the event and returns its sequence number. */
    long publish(EventFactory factory) {
        lock.lock();
        try {
            WorkflowEvent event = factory.create(++sequence, clock.instant());
            journal.event(event);
            for (WorkflowListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, () -> "workflow listener " + listener.getClass().getName()
                            + " failed on " + event.getClass().getSimpleName() + " (" + e + "); the run goes on");
                    LOG.log(System.Logger.Level.DEBUG, "listener failure", e);
                }
            }
            return event.sequence();
        } finally {
            lock.unlock();
        }
    }
}
