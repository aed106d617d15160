package dev.detour.core.research;

import dev.detour.core.Require;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.WorkflowEngine;

/**
 * Runs research questions on an engine and writes their reports: the entry point a backend embedding
 * Detour calls. Give it an engine whose port is the resilience chain.
 */
public final class ResearchRunner {

    private final WorkflowEngine engine;
    private final ResearchSettings settings;

    public ResearchRunner(WorkflowEngine engine, ResearchSettings settings) {
        this.engine = Require.nonNull(engine, "engine");
        this.settings = Require.nonNull(settings, "settings");
    }

    /** The settings runs use unless a call gives others. */
    public ResearchSettings settings() {
        return settings;
    }

    /** Researches {@code question} with the runner's settings and waits for the report. */
    public ResearchRun run(String question, RunOptions options) {
        return run(question, settings, options);
    }

    /**
     * Researches {@code question} and waits for the report. Interrupting the calling thread cancels the
     * run; the report of what it gathered is still returned.
     */
    public ResearchRun run(String question, ResearchSettings runSettings, RunOptions options) {
        Require.nonBlank(question, "question");
        RunResult<ResearchOutcome> result = engine.run(ResearchWorkflow.of(runSettings), question, options);
        return new ResearchRun(question, result, ResearchReport.of(question, result));
    }

    /** Starts researching {@code question} and returns at once, for a caller that may cancel. */
    public RunHandle<ResearchOutcome> start(String question, ResearchSettings runSettings, RunOptions options) {
        Require.nonBlank(question, "question");
        return engine.start(ResearchWorkflow.of(runSettings), question, options);
    }
}
