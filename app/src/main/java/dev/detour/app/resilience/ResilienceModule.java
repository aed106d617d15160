package dev.detour.app.resilience;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.core.model.ModelPort;
import java.time.Clock;
import java.util.List;

/**
 * Builds the resilience chain from the configuration: the chain's raw ports, one circuit breaker per
 * model shared by everything in this injector, and the {@link ModelPort} that workflows call, traced
 * when {@link Telemetry} is on.
 *
 * <p>Bind nothing else to {@code ModelPort}: every model call should go through this chain.
 */
public final class ResilienceModule extends AbstractModule {

    @Provides
    @Singleton
    CircuitBreakers circuitBreakers(DetourConfig config, Clock clock, Telemetry telemetry) {
        CircuitBreakers breakers = new CircuitBreakers(config.resilience().circuitBreaker(), clock);
        telemetry.watchBreakers(config.chain(), breakers::state);
        return breakers;
    }

    @Provides
    @Singleton
    ModelChain modelChain(DetourConfig config, Providers providers) {
        return new ModelChain(config.chain().stream()
                .map(model -> new ChainLink(model, providers.port(model)))
                .toList());
    }

    @Provides
    @Singleton
    Chains chains(Providers providers, DetourConfig config, CircuitBreakers breakers, Clock clock) {
        return new Chains(providers, config, breakers, clock);
    }

    @Provides
    @Singleton
    ModelPort resilientChain(ModelChain chain, DetourConfig config, CircuitBreakers breakers, Clock clock,
            Telemetry telemetry) {
        if (!telemetry.enabled()) {
            return new ResilientChain(chain.links(), config.resilience(), breakers, clock, config.pricing());
        }
        List<ChainLink> traced = chain.links().stream()
                .map(link -> new ChainLink(link.model(), telemetry.attemptsOf(link.model(), new CheckedPort(link.port()))))
                .toList();
        return telemetry.chain(new ResilientChain(traced, config.resilience(), breakers, clock, config.pricing()));
    }
}
