package dev.detour.app.resilience;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.provider.Sources;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.core.model.ModelPort;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the resilience chain from the configuration: the chain's raw ports, one circuit breaker per
 * model shared by everything in this injector, and the {@link ModelPort} that workflows call, traced
 * when {@link Telemetry} is on; and the {@link EvidenceSources} they search, one breaker and rate limiter
 * per source, shared the same way.
 *
 * <p>Bind nothing else to {@code ModelPort} or {@code EvidenceSources}: every model call and search should
 * go through these.
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
    Chains chains(Providers providers, DetourConfig config, CircuitBreakers breakers, Clock clock, Telemetry telemetry) {
        return new Chains(providers, config, breakers, clock, telemetry);
    }

    /** Each opened source behind its own retries, rate limit and breaker; no fallback between them. */
    @Provides
    @Singleton
    EvidenceSources evidenceSources(Sources sources, DetourConfig config, Clock clock) {
        ResilienceConfig resilience = config.resilience();
        return new ResilientSources(sources.opened().stream()
                .map(opened -> new ResilientSources.SourceLink(opened.source(), opened.adapter(),
                        opened.requestsPerSecond().isPresent()
                                ? Optional.of(ResilientSources.perSecond(opened.requestsPerSecond().getAsInt()))
                                : Optional.empty(),
                        opened.requestsPerSearch(),
                        new ModelBreaker(resilience.circuitBreaker(), clock)))
                .toList(), resilience, clock,
                new Backoff(resilience.backoff(), () -> ThreadLocalRandom.current().nextDouble()));
    }

    @Provides
    @Singleton
    ModelPort resilientChain(ModelChain chain, Chains chains) {
        return chains.over(chain.links());
    }
}
