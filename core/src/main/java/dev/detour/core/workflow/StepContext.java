package dev.detour.core.workflow;

import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.StreamListener;

/**
 * What a running step may use: the run's models, under its budget, with every attempt recorded and
 * published as events.
 *
 * <p>Call models only through this context, never through a {@code ModelPort} held elsewhere: that is
 * what keeps the budget, cancellation, events and run record true.
 */
public interface StepContext {

    /** The id of the run this step belongs to. */
    String runId();

    /** Where this step sits in the run, such as {@code investigate[2]} or {@code refine#1/judge}. */
    String stepPath();

    /**
     * Calls the run's models.
     *
     * @throws BudgetExhaustedException if the run's budget is used up (no call is made), or its time limit
     *     passed while the call was under way
     * @throws java.util.concurrent.CancellationException if the run was cancelled
     * @throws dev.detour.core.model.ModelCallException or {@link dev.detour.core.model.AllModelsFailedError}
     *     when no model answered
     */
    ChatResponse call(ChatRequest request);

    /** Calls the run's models with streaming on, delivering text deltas to {@code listener}. */
    ChatResponse stream(ChatRequest request, StreamListener listener);

    /** What is left of the run's budget now. */
    BudgetStatus budget();

    /** Whether the run was cancelled; a long step should check it between pieces of work. */
    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} if the run was cancelled. */
    void throwIfCancelled();
}
