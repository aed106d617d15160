package dev.detour.core.research;

import dev.detour.core.internal.Require;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.WorkflowEngine;

/**
 * Runs research questions on an engine and writes their reports: the entry point a backend embedding
 * Detour calls. Give it an engine whose port is the resilience chain.
 */
public final class ResearchRunner {

    private final WorkflowEngine engine;
    private final ResearchSettings settings;
    private final Budget budget;

    /** A runner whose runs have no budget limit unless their options set one. */
    public ResearchRunner(WorkflowEngine engine, ResearchSettings settings) {
        this(engine, settings, Budget.unlimited());
    }

    /** A runner whose {@link #run(String)} runs within {@code budget}, such as the configured token budget. */
    public ResearchRunner(WorkflowEngine engine, ResearchSettings settings, Budget budget) {
        this.engine = Require.nonNull(engine, "engine");
        this.settings = Require.nonNull(settings, "settings");
        this.budget = Require.nonNull(budget, "budget");
    }

    /** The options {@link #run(String)} uses: the runner's budget, no listeners. Add listeners to taste. */
    public RunOptions defaultOptions() {
        return RunOptions.defaults().withBudget(budget);
    }

    /** Researches {@code question} with the runner's settings and budget, and waits for the report. */
    public ResearchRun run(String question) {
        return run(question, settings, defaultOptions());
    }

    /** The settings runs use unless a call gives others. */
    public ResearchSettings settings() {
        return settings;
    }

    /** Researches {@code question} with the runner's settings and exactly {@code options}, and waits for the report. */
    public ResearchRun run(String question, RunOptions options) {
        return run(question, settings, options);
    }

    /**
     * Researches {@code question} and waits for the report. Interrupting the calling thread cancels the
     * run; the report of what it gathered is still returned.
     */
    public ResearchRun run(String question, ResearchSettings runSettings, RunOptions options) {
        Require.nonBlank(question, "question");
        RunResult<ResearchOutcome> result = engine.run(ResearchWorkflow.of(runSettings), question, options.withSettings(runSettings));
        return new ResearchRun(question, result, ResearchReport.of(question, result, engine.pricing()));
    }

    /** Starts researching {@code question} and returns at once, for a caller that may cancel. */
    public RunHandle<ResearchOutcome> start(String question, ResearchSettings runSettings, RunOptions options) {
        Require.nonBlank(question, "question");
        return engine.start(ResearchWorkflow.of(runSettings), question, options.withSettings(runSettings));
    }

    /**
     * Continues a stored research run with the settings it started with, under {@code options}' budget,
     * and returns at once. Completed steps return their recorded outputs without calling a model.
     *
     * @throws IllegalArgumentException if the run is not a research run, or the engine's store does not hold it
     * @throws IllegalStateException if the run completed
     * @see dev.detour.core.workflow.WorkflowEngine#resume
     */
    public RunHandle<ResearchOutcome> resume(StoredRun stored, RunOptions options) {
        Require.nonNull(stored, "stored");
        Require.nonNull(options, "options");
        ResearchSettings runSettings = stored.start().settings()
                .filter(ResearchSettings.class::isInstance).map(ResearchSettings.class::cast).orElse(settings);
        return engine.resume(ResearchWorkflow.of(runSettings), stored.runId(), options.withSettings(runSettings));
    }
}
