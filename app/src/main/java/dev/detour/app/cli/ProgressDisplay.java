package dev.detour.app.cli;

import dev.detour.core.internal.Durations;
import dev.detour.core.model.Attempt;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a run's progress on standard error: one line per finished step and per detour (failed attempt,
 * skip, fallback). On a terminal, a status line below them shows the steps in flight and is rewritten in
 * place; elsewhere, plain lines only, so logs stay readable.
 */
final class ProgressDisplay implements WorkflowListener {

    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private final boolean live;
    private final Map<String, String> inFlight = new LinkedHashMap<>();
    private final Map<String, Attempt> lastServed = new LinkedHashMap<>();

    ProgressDisplay(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void onEvent(WorkflowEvent event) {
        switch (event) {
            case WorkflowEvent.StepStarted started -> {
                inFlight.put(started.step(), "starting");
                if (!live) {
                    print("… " + started.step());
                }
            }
            case WorkflowEvent.AttemptStarted started -> inFlight.put(started.step(),
                    started.model() + (started.retry() > 0 ? " (retry " + started.retry() + ")" : ""));
            case WorkflowEvent.AttemptFailed failed -> print("  ! " + failed.step() + ": " + failed.attempt().describe());
            case WorkflowEvent.AttemptSkipped skipped -> print("  - " + skipped.step() + ": " + skipped.attempt().describe());
            case WorkflowEvent.FallbackTaken fallback -> print("  → " + fallback.step() + ": falling back from "
                    + fallback.from() + " (" + fallback.reason() + ") to " + fallback.to());
            case WorkflowEvent.StepCompleted completed -> {
                inFlight.remove(completed.step());
                print("✓ " + completed.step() + " (" + Durations.human(completed.duration()) + ", "
                        + completed.tokens().totalTokens() + " tokens" + servedBy(completed.step()) + ")");
            }
            case WorkflowEvent.StepFailed failed -> {
                inFlight.remove(failed.step());
                print("✗ " + failed.step() + ": " + failed.failure().message().lines().findFirst().orElse(""));
            }
            case WorkflowEvent.AttemptSucceeded succeeded -> lastServed.put(succeeded.step(), succeeded.attempt());
            case WorkflowEvent.BudgetExhausted exhausted -> print("  $ " + exhausted.exhaustion().describe());
            case WorkflowEvent.RunCompleted completed -> finish("done in " + Durations.human(completed.duration())
                    + ", " + completed.modelCalls() + " model calls, " + completed.tokens().totalTokens() + " tokens");
            case WorkflowEvent.RunFailed failed -> finish("run ended: " + failed.status().name().toLowerCase().replace('_', ' '));
            case WorkflowEvent.RunStarted started -> print("Detour: " + started.workflow() + " run " + started.runId());
            case WorkflowEvent.RunResumed resumed -> print("Detour: resuming " + resumed.workflow() + " run " + resumed.runId()
                    + "; " + resumed.recordedSteps() + " completed " + (resumed.recordedSteps() == 1 ? "step returns its" : "steps return their")
                    + " stored output");
            case WorkflowEvent.StreamReset reset -> print("  ↺ " + reset.step() + ": answer restarted on " + reset.nextModel());
            case WorkflowEvent.SearchStarted started -> inFlight.put(started.step(),
                    "searching " + started.source() + (started.retry() > 0 ? " (retry " + started.retry() + ")" : ""));
            case WorkflowEvent.SearchSucceeded succeeded -> {
                // The step's completion line says enough; a search that answered is not a detour.
            }
            case WorkflowEvent.SearchFailed failed -> print("  ! " + failed.step() + ": " + failed.attempt().describe());
            case WorkflowEvent.SearchSkipped skipped -> print("  - " + skipped.step() + ": " + skipped.attempt().describe());
            case WorkflowEvent.CitationRejected rejected -> print("  ! " + rejected.step() + ": " + rejected.model()
                    + " cited " + rejected.rejected() + " of " + rejected.evidenceGiven() + " evidence items; answer refused");
        }
        if (live) {
            status();
        }
    }

    private String servedBy(String step) {
        Attempt attempt = lastServed.remove(step);
        return attempt == null ? "" : ", " + attempt.model() + attempt.inferenceProvider().map(p -> " via " + p).orElse("");
    }

    private void print(String line) {
        if (live) {
            out.print(CLEAR_LINE);
        }
        out.println(line);
    }

    private void finish(String line) {
        inFlight.clear();
        print(line);
    }

    private void status() {
        if (inFlight.isEmpty()) {
            out.print(CLEAR_LINE);
        } else {
            StringBuilder status = new StringBuilder("⋯ ");
            inFlight.forEach((step, what) -> status.append(step).append(" [").append(what).append("]  "));
            String text = status.toString().strip();
            out.print(CLEAR_LINE + (text.length() > 160 ? text.substring(0, 159) + "…" : text));
        }
        out.flush();
    }
}
