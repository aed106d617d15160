package dev.detour.engine.temporal;

import dev.detour.core.internal.Require;
import dev.detour.core.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Detour workflows a worker can run, by name: a run names its workflow and the settings it is built
 * from, and the worker builds exactly the object the embedded engine would run (such as
 * {@code ResearchWorkflow.of(settings)}). Every worker of a task queue must hold the same catalog.
 */
public final class WorkflowCatalog {

    private final Map<String, Function<Optional<Object>, Workflow<?, ?>>> builders;

    private WorkflowCatalog(Map<String, Function<Optional<Object>, Workflow<?, ?>>> builders) {
        this.builders = Map.copyOf(builders);
    }

    /** A catalog with no workflow. */
    public static WorkflowCatalog empty() {
        return new WorkflowCatalog(Map.of());
    }

    /** This catalog with {@code workflow}, under its own name, which takes no settings. */
    public WorkflowCatalog with(Workflow<?, ?> workflow) {
        Require.nonNull(workflow, "workflow");
        return with(workflow.name(), settings -> workflow);
    }

    /**
     * This catalog with the workflow {@code name} that {@code build} makes from a run's settings of type
     * {@code type}, or from {@code defaults} when the run has none.
     */
    public <S> WorkflowCatalog with(String name, Class<S> type, S defaults, Function<? super S, ? extends Workflow<?, ?>> build) {
        Require.nonBlank(name, "name");
        Require.nonNull(type, "type");
        Require.nonNull(defaults, "defaults");
        Require.nonNull(build, "build");
        return with(name, settings -> {
            Object given = settings.orElse(defaults);
            if (!type.isInstance(given)) {
                throw new IllegalArgumentException("the workflow " + name + " is built from " + type.getSimpleName()
                        + ", was given a " + given.getClass().getSimpleName());
            }
            return build.apply(type.cast(given));
        });
    }

    private WorkflowCatalog with(String name, Function<Optional<Object>, Workflow<?, ?>> builder) {
        if (builders.containsKey(name)) {
            throw new IllegalArgumentException("the catalog already holds a workflow named " + name);
        }
        Map<String, Function<Optional<Object>, Workflow<?, ?>>> more = new LinkedHashMap<>(builders);
        more.put(name, builder);
        return new WorkflowCatalog(more);
    }

    /** The workflow {@code name} built from {@code settings}. */
    @SuppressWarnings("unchecked")
    Workflow<Object, Object> resolve(String name, Optional<Object> settings) {
        Function<Optional<Object>, Workflow<?, ?>> builder = builders.get(name);
        if (builder == null) {
            throw new IllegalArgumentException("this worker has no workflow named " + name + " (it has " + builders.keySet()
                    + "); run workers of the same Detour version on the task queue");
        }
        return (Workflow<Object, Object>) builder.apply(settings);
    }

    @Override
    public String toString() {
        return "WorkflowCatalog" + builders.keySet();
    }
}
