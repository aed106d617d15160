package dev.detour.app.cli;

import dev.detour.core.internal.Durations;
import dev.detour.core.model.Attempt;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Shows a run's progress on standard error: one line per finished step and per detour (failed attempt,
 * skip, fallback). On a terminal, a status line below them shows the steps in flight with their elapsed
 * time and, while the chain waits out a {@code Retry-After} or a backoff, the seconds left; it is cut to the
 * terminal's width at each redraw (so it follows a resize) and rewritten in place; elsewhere, plain lines
 * only, so logs stay readable. A step that ran no model because the budget was used up is marked skipped, not done.
 */
final class ProgressDisplay implements WorkflowListener {

    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private final boolean live;
    private final IntSupplier columns;
    private final Marks marks;
    private final Clock clock;
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
    private final Map<String, Attempt> lastServed = new LinkedHashMap<>();
    private BudgetExhaustion exhaustion;

    ProgressDisplay(PrintStream out, boolean live, int columns, Marks marks, Clock clock) {
        this(out, live, () -> columns, marks, clock);
    }

    /** @param columns the terminal's width at the time of each redraw */
    ProgressDisplay(PrintStream out, boolean live, IntSupplier columns, Marks marks, Clock clock) {
        this.out = out;
        this.live = live;
        this.columns = columns;
        this.marks = marks;
        this.clock = clock;
    }

    /** What one step in flight is doing, since when, and until when it waits before a retry, if it does. */
    private record InFlight(Instant since, String what, Optional<Instant> waitingUntil) {

        InFlight(Instant since, String what) {
            this(since, what, Optional.empty());
        }

        InFlight doing(String next) {
            return new InFlight(since, next);
        }

        InFlight waiting(String next, Instant until) {
            return new InFlight(since, next, Optional.of(until));
        }

        String shown(Instant now) {
            return waitingUntil.map(until -> what + " in " + left(Duration.between(now, until))).orElse(what)
                    + ", " + elapsed(Duration.between(since, now));
        }
    }

    @Override
    public synchronized void onEvent(WorkflowEvent event) {
        switch (event) {
            case WorkflowEvent.StepStarted started -> {
                inFlight.put(started.step(), new InFlight(started.at(), "starting"));
                if (!live) {
                    print(marks.started() + " " + started.step());
                }
            }
            case WorkflowEvent.AttemptStarted started -> inFlight.computeIfPresent(started.step(), (step, now) ->
                    now.doing(started.model() + (started.retry() > 0 ? " (retry " + started.retry() + ")" : "")));
            case WorkflowEvent.AttemptFailed failed ->
                    print("  " + marks.attemptFailed() + " " + failed.step() + ": " + failed.attempt().describe());
            case WorkflowEvent.AttemptSkipped skipped ->
                    print("  " + marks.attemptSkipped() + " " + skipped.step() + ": " + skipped.attempt().describe());
            case WorkflowEvent.RetryScheduled retry -> inFlight.computeIfPresent(retry.step(), (step, now) ->
                    now.waiting("retry " + retry.retry() + " of " + retry.model(), retry.at().plus(retry.delay())));
            case WorkflowEvent.FallbackTaken fallback -> print("  " + marks.fallback() + " " + fallback.step()
                    + ": falling back from " + fallback.from() + " (" + fallback.reason() + ") to " + fallback.to());
            case WorkflowEvent.StepCompleted completed -> {
                inFlight.remove(completed.step());
                Attempt served = lastServed.remove(completed.step());
                if (served == null && exhaustion != null && completed.tokens().totalTokens() == 0) {
                    print(marks.skipped() + " " + completed.step() + " skipped (" + exhaustion.describe() + ")");
                } else {
                    print(marks.done() + " " + completed.step() + " (" + Durations.human(completed.duration()) + ", "
                            + completed.tokens().totalTokens() + " tokens" + servedBy(served) + ")");
                }
            }
            case WorkflowEvent.StepFailed failed -> {
                inFlight.remove(failed.step());
                if (failed.failure().status() == RunStatus.CANCELLED) {
                    print(marks.skipped() + " " + failed.step() + " cancelled (interrupted)");
                } else {
                    print(marks.failed() + " " + failed.step() + ": "
                            + failed.failure().message().lines().findFirst().orElse(""));
                }
            }
            case WorkflowEvent.AttemptSucceeded succeeded -> lastServed.put(succeeded.step(), succeeded.attempt());
            case WorkflowEvent.BudgetExhausted exhausted -> {
                exhaustion = exhausted.exhaustion();
                print("  " + marks.budget() + " " + exhausted.exhaustion().describe());
            }
            case WorkflowEvent.RunCompleted completed -> finish("done in " + Durations.human(completed.duration())
                    + ", " + completed.modelCalls() + " model calls, " + completed.tokens().totalTokens() + " tokens");
            case WorkflowEvent.RunFailed failed ->
                    finish("run ended: " + failed.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            case WorkflowEvent.RunStarted started -> print("Detour: " + started.workflow() + " run " + started.runId());
            case WorkflowEvent.RunResumed resumed -> print("Detour: resuming " + resumed.workflow() + " run " + resumed.runId()
                    + "; " + resumed.recordedSteps() + " completed " + (resumed.recordedSteps() == 1 ? "step returns its" : "steps return their")
                    + " stored output");
            case WorkflowEvent.StreamReset reset ->
                    print("  " + marks.reset() + " " + reset.step() + ": answer restarted on " + reset.nextModel());
            case WorkflowEvent.SearchStarted started -> inFlight.computeIfPresent(started.step(), (step, now) -> now.doing(
                    "searching " + started.source() + (started.retry() > 0 ? " (retry " + started.retry() + ")" : "")));
            case WorkflowEvent.SearchSucceeded succeeded -> {
                // The step's completion line says enough; a search that answered is not a detour.
            }
            case WorkflowEvent.SearchFailed failed ->
                    print("  " + marks.attemptFailed() + " " + failed.step() + ": " + failed.attempt().describe());
            case WorkflowEvent.SearchSkipped skipped ->
                    print("  " + marks.attemptSkipped() + " " + skipped.step() + ": " + skipped.attempt().describe());
            case WorkflowEvent.CitationRejected rejected -> print("  " + marks.attemptFailed() + " " + rejected.step() + ": "
                    + rejected.model() + " cited " + rejected.rejected() + " of " + rejected.evidenceGiven()
                    + " evidence items; answer refused");
        }
        if (live) {
            status();
        }
    }

    /** Rewrites the status line, so the elapsed times move while nothing else happens; a no-op off a terminal. */
    synchronized void tick() {
        if (live && !inFlight.isEmpty()) {
            status();
        }
    }

    private static String servedBy(Attempt attempt) {
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
            Instant now = clock.instant();
            StringBuilder status = new StringBuilder(marks.inFlight()).append(' ');
            inFlight.forEach((step, doing) -> status.append(step).append(" [").append(doing.shown(now)).append("]  "));
            out.print(CLEAR_LINE + fitted(status.toString().strip()));
        }
        out.flush();
    }

    private static String elapsed(Duration duration) {
        return Math.max(0, duration.toSeconds()) + " s";
    }

    /** The seconds left, rounded up, so a countdown shows 1 s until the wait is over. */
    private static String left(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return (millis + 999) / 1000 + " s";
    }

    /** The text cut to one column less than the terminal, so the cursor never wraps to a second row. */
    private String fitted(String text) {
        int room = Math.max(1, columns.getAsInt() - 1);
        if (text.codePointCount(0, text.length()) <= room) {
            return text;
        }
        int keep = Math.max(0, room - marks.ellipsis().length());
        return text.substring(0, text.offsetByCodePoints(0, keep)) + marks.ellipsis();
    }
}
