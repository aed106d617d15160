package dev.detour.app.cli;

import dev.detour.core.cost.Pricing;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import java.io.PrintStream;

/** Writes every event of a run as one JSON object per line ({@code --events}). */
final class EventLog implements WorkflowListener {

    private final PrintStream out;
    private final EventJson json;

    EventLog(PrintStream out) {
        this(out, Pricing.none(), RunStore.none());
    }

    /** A log whose events carry their cost at {@code pricing}, a resumed run's earlier sessions read from {@code store}. */
    EventLog(PrintStream out, Pricing pricing, RunStore store) {
        this.out = out;
        this.json = new EventJson(pricing, store);
    }

    @Override
    public void onEvent(WorkflowEvent event) {
        out.println(json.toJson(event));
        out.flush();
    }
}
