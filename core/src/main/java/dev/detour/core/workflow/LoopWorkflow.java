package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.Optional;
import java.util.function.Predicate;

/** Repeats a body until a condition, an iteration limit or the budget stops it. */
final class LoopWorkflow<S> extends Workflow<S, LoopResult<S>> {

    private final Workflow<S, S> body;
    private final Predicate<? super S> stop;
    private final int maxIterations;

    LoopWorkflow(String name, Workflow<S, S> body, Predicate<? super S> stop, int maxIterations) {
        super(name);
        this.body = Require.nonNull(body, "body");
        this.stop = Require.nonNull(stop, "stop");
        this.maxIterations = Require.positive(maxIterations, "maxIterations");
    }

    @Override
    public Workflow<S, LoopResult<S>> named(String name) {
        return new LoopWorkflow<>(name, body, stop, maxIterations);
    }

    @Override
    public WorkflowShape<S, LoopResult<S>> shape() {
        return new WorkflowShape.Loop<>(name(), body, stop, maxIterations);
    }

    @Override
    LoopResult<S> run(S input, RunState run, StepPath parent) throws Exception {
        S state = input;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            Optional<BudgetExhaustion> exhausted = run.exhaustion();
            if (exhausted.isPresent()) {
                return stoppedByBudget(state, iteration - 1, exhausted.get());
            }
            try {
                state = body.run(state, run, parent.then(StepPath.Segment.iteration(name(), iteration)));
            } catch (BudgetExhaustedException e) {
                return stoppedByBudget(state, iteration - 1, e.exhaustion());
            }
            if (stop.test(state)) {
                return new LoopResult<>(state, iteration, LoopResult.StopReason.CONDITION_MET, Optional.empty());
            }
        }
        return new LoopResult<>(state, maxIterations, LoopResult.StopReason.MAX_ITERATIONS, Optional.empty());
    }

    private LoopResult<S> stoppedByBudget(S state, int iterations, BudgetExhaustion exhaustion) {
        return new LoopResult<>(state, iterations, LoopResult.StopReason.BUDGET_EXHAUSTED, Optional.of(exhaustion));
    }
}
