package dev.detour.app.server;

import dev.detour.core.workflow.WorkflowEvent;
import java.util.function.Function;

/**
 * One event as an event stream sends it: {@code id:} its sequence number, {@code event:} its type and
 * {@code data:} the JSON of {@code --events}.
 *
 * @param sequence the event's sequence number in its run
 * @param type the event's type, such as {@code AttemptFailed}
 * @param json the event as one line of JSON
 * @param last whether the stream ends with it: the run's final event, unless the run was resumed after it
 */
record Frame(long sequence, String type, String json, boolean last) {

    static Frame of(WorkflowEvent event, Function<WorkflowEvent, String> json) {
        boolean last = event instanceof WorkflowEvent.RunCompleted || event instanceof WorkflowEvent.RunFailed;
        return new Frame(event.sequence(), event.getClass().getSimpleName(), json.apply(event), last);
    }

    /** This frame, not ending the stream: a run that was resumed goes on after its earlier end. */
    Frame earlier() {
        return new Frame(sequence, type, json, false);
    }

    /** The SSE text of this frame. */
    String sse() {
        return "id: " + sequence + "\nevent: " + type + "\ndata: " + json + "\n\n";
    }
}
