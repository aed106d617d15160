package dev.detour.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderTypes;
import dev.detour.app.config.SourceTypes;
import dev.detour.app.provider.Providers;
import dev.detour.app.provider.Sources;
import dev.detour.app.resilience.Chains;
import dev.detour.app.resilience.ResilienceModule;
import dev.detour.app.store.JsonValueCodec;
import dev.detour.app.store.RunStores;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.app.telemetry.TelemetryModule;
import dev.detour.core.internal.Require;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.ValueCodec;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.engine.temporal.TemporalTarget;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import java.time.Clock;

/**
 * Everything an embedding backend needs from one {@link DetourConfig}: install it with
 * {@code Guice.createInjector(new DetourModule(config))} and ask for a {@link ModelPort} (the resilience
 * chain) or a {@link ResearchRunner}. Provider types are the {@link ProviderTypes#installed() installed}
 * ones: to add one, put its adapter on the class path; do not bind types in a module of your own.
 *
 * <p>For runs on Temporal it also binds the {@link WorkflowCatalog} a worker runs, the {@link WorkerModels} it
 * calls, and the {@link TemporalTarget} the configuration names; the worker itself is started by {@code detour worker}.
 *
 * <p>One injector is one set of circuit breakers and one open run store: create it once per process, not
 * per request, and close its {@link Providers}, its {@link Sources} and its {@link RunStore} at shutdown. The
 * engine stores every run where the configuration's {@code store} says ({@code $DETOUR_HOME/detour.db} by default).
 */
public final class DetourModule extends AbstractModule {

    private final DetourConfig config;
    private final Environment environment;

    /** Detour configured by {@code config}, reading keys from this process's environment. */
    public DetourModule(DetourConfig config) {
        this(config, Environment.system());
    }

    /** Detour configured by {@code config}, reading keys from {@code environment}. */
    public DetourModule(DetourConfig config, Environment environment) {
        this.config = Require.nonNull(config, "config");
        this.environment = Require.nonNull(environment, "environment");
    }

    @Override
    protected void configure() {
        bind(DetourConfig.class).toInstance(config);
        bind(Environment.class).toInstance(environment);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(Providers.class).in(Singleton.class);
        bind(Sources.class).in(Singleton.class);
        install(new ResilienceModule());
        install(new TelemetryModule());
    }

    @Provides
    @Singleton
    ProviderTypes providerTypes() {
        return ProviderTypes.installed();
    }

    @Provides
    @Singleton
    SourceTypes sourceTypes() {
        return SourceTypes.installed();
    }

    /** The grounding research runs get: the configured one, without the sources that are disabled. */
    @Provides
    @Singleton
    GroundingSettings groundingSettings(Sources sources) {
        return sources.grounding();
    }

    @Provides
    @Singleton
    ValueCodec valueCodec() {
        return new JsonValueCodec();
    }

    @Provides
    @Singleton
    RunStore runStore(DetourConfig detour, ValueCodec codec, Clock clock) {
        return RunStores.open(detour.store(), codec, clock);
    }

    @Provides
    @Singleton
    WorkflowEngine workflowEngine(ModelPort models, EvidenceSources evidence, Clock clock, Telemetry telemetry,
            DetourConfig detour, RunStore store) {
        return new WorkflowEngine(models, evidence, clock, telemetry.runListeners(), detour.pricing(), store);
    }

    /** The workflows a worker of this process runs: the research workflow, built from each run's settings. */
    @Provides
    @Singleton
    WorkflowCatalog workflowCatalog(ResearchRunner runner) {
        return WorkflowCatalog.empty()
                .with(ResearchWorkflow.NAME, ResearchSettings.class, runner.settings(), ResearchWorkflow::of);
    }

    /**
     * What a worker of this process calls: the configured chain, or the chain a run names, built from this
     * process's providers (a model of another provider is refused), at the prices the run was started with, else
     * the configured ones.
     */
    @Provides
    @Singleton
    WorkerModels workerModels(ModelPort models, Chains chains, DetourConfig detour) {
        return new WorkerModels(models, (chain, pricing) -> chains.of(chain.isEmpty() ? detour.chain() : chain, pricing),
                detour.pricing());
    }

    @Provides
    @Singleton
    TemporalTarget temporalTarget(DetourConfig detour) {
        return detour.temporal();
    }

    @Provides
    @Singleton
    ResearchRunner researchRunner(WorkflowEngine engine, DetourConfig detour, GroundingSettings grounding) {
        return new ResearchRunner(engine, ResearchSettings.defaults()
                        .withMaxIterations(detour.workflow().maxIterations())
                        .withParallelism(detour.workflow().parallelism())
                        .withGrounding(grounding),
                detour.workflow().costBudget().map(Budget.unlimited()::withMaxCost).orElse(Budget.unlimited())
                        .withMaxTokens(detour.workflow().tokenBudget()));
    }
}
