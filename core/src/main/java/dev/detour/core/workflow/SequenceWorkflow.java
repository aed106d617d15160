package dev.detour.core.workflow;

/** Two workflows, the second fed the first's output. */
final class SequenceWorkflow<I, M, O> extends Workflow<I, O> {

    private final Workflow<I, M> first;
    private final Workflow<M, O> second;

    SequenceWorkflow(String name, Workflow<I, M> first, Workflow<M, O> second) {
        super(name);
        this.first = first;
        this.second = second;
    }

    @Override
    public Workflow<I, O> named(String name) {
        return new SequenceWorkflow<>(name, first, second);
    }

    @Override
    public WorkflowShape<I, O> shape() {
        return new WorkflowShape.Sequence<>(first, second);
    }

    @Override
    O run(I input, RunState run, StepPath parent) throws Exception {
        return second.run(first.run(input, run, parent), run, parent);
    }
}
