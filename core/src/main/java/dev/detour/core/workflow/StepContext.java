package dev.detour.core.workflow;

import dev.detour.core.evidence.SearchOutcome;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.StreamListener;
import java.util.List;

/**
 * What a running step may use: the run's models, under its budget, and its evidence sources, with every
 * attempt recorded and published as events.
 *
 * <p>Call models and search only through this context, never through a {@code ModelPort} or source held
 * elsewhere: that is what keeps the budget, cancellation, events, run record and resume true.
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

    /** The evidence sources the run may search, in the order reports list them; empty when it has none. */
    List<SourceRef> sources();

    /**
     * Searches each of {@code searches}, at most {@code parallelism} at once, each try recorded in this
     * step's record and announced as search events. Searches use no tokens and no model calls of the
     * budget, but none starts once the run's time limit has passed (it is recorded as skipped).
     *
     * @return one outcome per search, in the order asked: a source that failed is an outcome, never an exception
     * @throws java.util.concurrent.CancellationException if the run was cancelled
     * @throws IllegalArgumentException if a search names a source not in {@link #sources()}
     */
    List<SearchOutcome> search(List<SourceSearch> searches, int parallelism);

    /** What is left of the run's budget now. */
    BudgetStatus budget();

    /** Whether the run was cancelled; a long step should check it between pieces of work. */
    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} if the run was cancelled. */
    void throwIfCancelled();
}
