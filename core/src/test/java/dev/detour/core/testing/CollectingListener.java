package dev.detour.core.testing;

import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import java.util.ArrayList;
import java.util.List;

/** A {@link WorkflowListener} that keeps every event it receives, for assertions. */
public final class CollectingListener implements WorkflowListener {

    private final List<WorkflowEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(WorkflowEvent event) {
        events.add(event);
    }

    public synchronized List<WorkflowEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public synchronized <E extends WorkflowEvent> List<E> eventsOf(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Each event's simple class name, in order: handy for asserting on sequences. */
    public synchronized List<String> names() {
        return events.stream().map(event -> event.getClass().getSimpleName()).toList();
    }
}
