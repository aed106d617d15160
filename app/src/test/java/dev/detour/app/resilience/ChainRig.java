package dev.detour.app.resilience;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.testing.MutableClock;
import dev.detour.core.workflow.WorkflowEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The resilience chain as an embedding backend builds it ({@link DetourModule}), over real HTTP to the
 * OpenAI adapter and a {@link FakeProvider} on loopback, with a clock the test moves in place of the system
 * clock: breaker windows, deadlines and time budgets follow the test, never the machine's speed.
 *
 * <p>By default the clock starts an hour behind real time and attempts may take two hours, so attempts only
 * the attempt timeout bounds end normally, while one bounded by a tighter deadline (a time budget, a
 * {@code call-deadline}) has a deadline already past in real time: the adapter gives up on it at once, and
 * the test moves the clock past it to say that time ran out while it was in flight.
 */
final class ChainRig implements AutoCloseable {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofHours(2);

    final FakeProvider provider;
    final MutableClock clock;
    private final Injector injector;

    private ChainRig(FakeProvider provider, MutableClock clock, Injector injector) {
        this.provider = provider;
        this.clock = clock;
        this.injector = injector;
    }

    /** Resilience settings with no retries or deadline, a breaker opening after {@code threshold} failures for 30 s. */
    static ResilienceConfig resilience(int maxRetries, int threshold) {
        return new ResilienceConfig(ATTEMPT_TIMEOUT, maxRetries,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(2), 0), Duration.ofSeconds(2),
                new ResilienceConfig.CircuitBreakerConfig(threshold, Duration.ofSeconds(30)), Optional.empty());
    }

    /** A rig whose chain is {@code models} of the provider {@code fake}, the clock an hour behind real time. */
    static ChainRig start(ResilienceConfig resilience, String... models) {
        return start(Instant.now().minus(Duration.ofHours(1)), resilience, WorkflowConfig.defaults(), models);
    }

    static ChainRig start(Instant clockStart, ResilienceConfig resilience, WorkflowConfig workflow, String... models) {
        FakeProvider provider;
        try {
            provider = new FakeProvider(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MutableClock clock = new MutableClock(clockStart);
        DetourConfig config = new DetourConfig(
                Map.of("fake", new ProviderConfig("fake", "openai", provider.url("/v1"), Optional.empty(), false, Map.of())),
                Arrays.stream(models).map(model -> ModelRef.of("fake", model)).toList(), resilience, workflow,
                "chain rig");
        Injector injector = Guice.createInjector(Modules.override(new DetourModule(config, Environment.of(Map.of())))
                .with(binder -> binder.bind(Clock.class).toInstance(clock)));
        return new ChainRig(provider, clock, injector);
    }

    static ModelRef model(String id) {
        return ModelRef.of("fake", id);
    }

    /** The resilience chain, as workflows get it. */
    ModelPort chain() {
        return injector.getInstance(ModelPort.class);
    }

    WorkflowEngine engine() {
        return injector.getInstance(WorkflowEngine.class);
    }

    ResearchRunner research() {
        return injector.getInstance(ResearchRunner.class);
    }

    /** The state of {@code model}'s circuit breaker: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    String breaker(String model) {
        return injector.getInstance(CircuitBreakers.class).state(model(model));
    }

    @Override
    public void close() throws IOException {
        try {
            injector.getInstance(Providers.class).close();
        } finally {
            provider.close();
        }
    }
}
