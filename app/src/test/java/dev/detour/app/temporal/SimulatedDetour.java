package dev.detour.app.temporal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.ResearchRunner;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import dev.detour.simulator.ProviderSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One process's Detour against a provider simulator, wired by {@link DetourModule} as an embedder or
 * {@code detour worker} would: its own chain and circuit breakers, research one sub-question at a time so
 * two engines' attempts can be compared one for one.
 */
final class SimulatedDetour implements AutoCloseable {

    static final List<ModelRef> CHAIN = List.of(
            ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct"), ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct"));

    private final Injector injector;

    private SimulatedDetour(Injector injector) {
        this.injector = injector;
    }

    static SimulatedDetour on(ProviderSimulator simulator, Duration maxRetryWait) {
        return on(simulator, maxRetryWait, UnaryOperator.identity());
    }

    /** As above, with the configuration changed by {@code change}, such as prices and a cost budget. */
    static SimulatedDetour on(ProviderSimulator simulator, Duration maxRetryWait, UnaryOperator<DetourConfig> change) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("hf", new ProviderConfig("hf", "huggingface", simulator.huggingFaceBaseUrl(), Optional.empty(),
                false, Map.of()));
        ResilienceConfig resilience = new ResilienceConfig(Duration.ofSeconds(10), 2,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(10), Duration.ofMillis(50), 0.25),
                maxRetryWait, new ResilienceConfig.CircuitBreakerConfig(3, Duration.ofSeconds(30)),
                Optional.of(Duration.ofMinutes(30)));
        DetourConfig config = new DetourConfig(providers, CHAIN, resilience, new WorkflowConfig(2, 50_000, 1),
                "test: simulator " + simulator.scenario().name());
        return new SimulatedDetour(Guice.createInjector(new DetourModule(change.apply(config), Environment.of(Map.of()))));
    }

    ModelPort models() {
        return injector.getInstance(ModelPort.class);
    }

    ResearchRunner research() {
        return injector.getInstance(ResearchRunner.class);
    }

    WorkerModels workerModels() {
        return injector.getInstance(WorkerModels.class);
    }

    WorkflowCatalog catalog() {
        return injector.getInstance(WorkflowCatalog.class);
    }

    @Override
    public void close() {
        injector.getInstance(Providers.class).close();
    }
}
