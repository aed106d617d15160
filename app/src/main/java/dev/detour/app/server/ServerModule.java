package dev.detour.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.resilience.Chains;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.app.resilience.CircuitBreakers;
import dev.detour.app.resilience.ModelChain;
import dev.detour.core.internal.Require;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.workflow.RunStore;
import dev.detour.engine.temporal.TemporalRuns;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code detour serve}'s part of the Guice graph: install it next to {@code DetourModule}, in the same
 * injector, so the server's runs share the CLI graph's circuit breakers, engine and run store, and ask
 * for a {@link DetourServer}. Don't make a second injector for the server: it would have breakers of its own.
 * Its runs run on the embedded engine, or on Temporal ({@link #onTemporal}).
 */
public final class ServerModule extends AbstractModule {

    private final ServerSettings settings;
    private final Formats formats;
    private final Optional<TemporalRuns> temporal;

    public ServerModule(ServerSettings settings, Formats formats) {
        this(settings, formats, Optional.empty());
    }

    private ServerModule(ServerSettings settings, Formats formats, Optional<TemporalRuns> temporal) {
        this.settings = Require.nonNull(settings, "settings");
        this.formats = Require.nonNull(formats, "formats");
        this.temporal = temporal;
    }

    /**
     * This module with its runs started on Temporal through {@code runs} (which the caller closes), followed
     * from the server; {@code detour worker}s on the task queue run them.
     */
    public ServerModule onTemporal(TemporalRuns runs) {
        return new ServerModule(settings, formats, Optional.of(Require.nonNull(runs, "runs")));
    }

    @Override
    protected void configure() {
        bind(ServerSettings.class).toInstance(settings);
        bind(Formats.class).toInstance(formats);
    }

    @Provides
    @Singleton
    ModelHealth modelHealth() {
        return new ModelHealth();
    }

    @Provides
    @Singleton
    LiveRuns liveRuns(ResearchRunner runner, Chains chains, EvidenceSources evidence, DetourConfig config, RunStore store,
            Clock clock, ModelHealth health, Telemetry telemetry) {
        return new LiveRuns(runner, chains, evidence, config, store, clock, List.of(health), telemetry.runListeners(),
                () -> formats.events().apply(store), temporal, telemetry::currentTraceContext);
    }

    @Provides
    @Singleton
    DetourServer detourServer(DetourConfig config, Environment environment, CircuitBreakers breakers, ModelChain chain,
            ModelHealth health, LiveRuns runs, RunStore store, Clock clock, EvidenceSources evidence, Telemetry telemetry) {
        ObjectMapper mapper = JsonMapper.builder().build();
        Replies replies = new Replies(mapper, settings.maxBodyBytes());
        Set<String> chainProviders = config.chain().stream().map(ModelRef::provider).collect(Collectors.toSet());
        RunRequestReader reader = new RunRequestReader(mapper, chainProviders,
                evidence.sources().stream().map(SourceRef::name).collect(Collectors.toSet()));
        RunsApi runsApi = new RunsApi(runs, store, reader, new RunViews(mapper, formats.report(), config.pricing(), store), replies,
                telemetry::withinCaller);
        EventsApi eventsApi = new EventsApi(runs, store, () -> formats.events().apply(store), settings.heartbeat());
        DoctorProbes doctor = new DoctorProbes(chain, config.resilience().attemptTimeout(), settings.doctorInterval(), clock);
        SystemApi systemApi = new SystemApi(config, environment, breakers, health, doctor, store, runs, clock, replies);
        return new DetourServer(settings, config.server(), runs, runsApi, eventsApi, systemApi, replies);
    }
}
