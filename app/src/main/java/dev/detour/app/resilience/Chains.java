package dev.detour.app.resilience;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.app.provider.Providers;
import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import java.time.Clock;
import java.util.List;

/**
 * Makes resilience chains over another list of models than the configured chain, such as a chain one
 * run asks for, sharing this injector's circuit breakers. Every model must belong to a provider the
 * configured chain uses; don't build one per call of a run, build one per run.
 */
public final class Chains {

    private final Providers providers;
    private final DetourConfig config;
    private final CircuitBreakers breakers;
    private final Clock clock;
    private final Telemetry telemetry;

    Chains(Providers providers, DetourConfig config, CircuitBreakers breakers, Clock clock, Telemetry telemetry) {
        this.providers = providers;
        this.config = config;
        this.breakers = breakers;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    /**
     * The resilience chain over {@code models}, in order.
     *
     * @throws IllegalArgumentException if {@code models} is empty or names a provider the configured chain does not use
     */
    public ModelPort of(List<ModelRef> models) {
        return of(models, config.pricing());
    }

    /**
     * The resilience chain over {@code models}, holding each attempt's worst case to a cost budget at {@code pricing}
     * (a run's own prices) rather than the configured ones.
     *
     * @throws IllegalArgumentException if {@code models} is empty or names a provider the configured chain does not use
     */
    public ModelPort of(List<ModelRef> models, Pricing pricing) {
        Require.nonNull(models, "models");
        Require.nonNull(pricing, "pricing");
        return over(models.stream().map(model -> new ChainLink(model, providers.port(model))).toList(), pricing);
    }

    /** The resilience chain over {@code links}, traced when telemetry is on. */
    ModelPort over(List<ChainLink> links) {
        return over(links, config.pricing());
    }

    private ModelPort over(List<ChainLink> links, Pricing pricing) {
        List<ChainLink> checked = links.stream()
                .map(link -> new ChainLink(link.model(), new CheckedPort(link.port())))
                .toList();
        if (!telemetry.enabled()) {
            return new ResilientChain(checked, config.resilience(), breakers, clock, pricing);
        }
        List<ChainLink> traced = checked.stream()
                .map(link -> new ChainLink(link.model(), telemetry.attemptsOf(link.model(), link.port())))
                .toList();
        return telemetry.chain(new ResilientChain(traced, config.resilience(), breakers, clock, pricing));
    }
}
