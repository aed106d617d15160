package dev.detour.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.ModelRef;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Detour built the way an embedding backend builds it, pointed at the simulator (or the lean stub). */
final class Detours implements AutoCloseable {

    /** The chain entry of the simulator's Claude model, through the {@code anthropic} adapter. */
    static final String CLAUDE = "claude:claude-sonnet-4-5";

    private final Injector injector;

    private Detours(DetourConfig config, Module embedder) {
        this.injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of())), embedder);
    }

    /** The chain's attempt timeout, which bounds each call. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

    /** A chain of {@code chain} over the simulator's providers, each allowing {@code maxConcurrentCalls}; telemetry off. */
    static Detours over(SimulatorChild simulator, List<String> chain, int maxConcurrentCalls, Duration openFor) {
        return new Detours(config(simulator, chain, maxConcurrentCalls, openFor), binder -> {});
    }

    /** As {@link #over}, with telemetry on: the embedder's own {@code telemetry} bound in Guice. */
    static Detours traced(SimulatorChild simulator, List<String> chain, int maxConcurrentCalls, OpenTelemetry telemetry) {
        return new Detours(config(simulator, chain, maxConcurrentCalls, Duration.ofSeconds(30)),
                binder -> binder.bind(OpenTelemetry.class).toInstance(telemetry));
    }

    private static DetourConfig config(SimulatorChild simulator, List<String> chain, int maxConcurrentCalls,
            Duration openFor) {
        Map<String, String> options = Map.of("max-concurrent-calls", String.valueOf(maxConcurrentCalls));
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        if (simulator.serves("hf")) {
            providers.put("hf", provider("hf", "huggingface", simulator.huggingFace(), options));
        }
        providers.put("openai", provider("openai", "openai", simulator.openAi(), options));
        if (simulator.serves("anthropic")) {
            providers.put("claude", provider("claude", "anthropic", simulator.anthropic(), options));
        }
        ResilienceConfig resilience = new ResilienceConfig(ATTEMPT_TIMEOUT, 2,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(5), Duration.ofMillis(20), 0.25),
                Duration.ofSeconds(30), new ResilienceConfig.CircuitBreakerConfig(3, openFor), Optional.empty());
        return new DetourConfig(providers, chain.stream().map(ModelRef::parse).toList(), resilience,
                WorkflowConfig.defaults(), "benchmark");
    }

    private static ProviderConfig provider(String name, String type, URI baseUrl, Map<String, String> options) {
        return new ProviderConfig(name, type, baseUrl, Optional.empty(), false, options);
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public void close() {
        injector.getInstance(Providers.class).close();
    }
}
