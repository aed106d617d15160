package dev.detour.app.config;

import dev.detour.core.cost.Pricing;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.GroundingSettings;
import dev.detour.engine.temporal.TemporalTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Detour is configured with: the providers, the ordered chain of models, the resilience
 * settings and the workflow defaults. It never holds a key: providers name the environment variable
 * their key is read from.
 *
 * @param providers the configured providers by name, in the order they were declared
 * @param chain the models to try, in order; each names a configured provider
 * @param resilience retry, backoff, circuit-breaker and deadline settings
 * @param workflow research workflow defaults
 * @param store where runs are stored, if they are
 * @param telemetry whether and where traces and metrics go
 * @param pricing the price of each priced model, for costs and the cost budget
 * @param server how {@code detour serve} behaves
 * @param temporal where runs on Temporal go
 * @param sources the configured evidence sources by name, in the order they were declared
 * @param evidence which of the sources research runs search, and how many records they take
 * @param source where the configuration was read from, such as {@code ./detour.yaml} or {@code built-in defaults}
 */
public record DetourConfig(
        Map<String, ProviderConfig> providers,
        List<ModelRef> chain,
        ResilienceConfig resilience,
        WorkflowConfig workflow,
        StoreConfig store,
        TelemetryConfig telemetry,
        Pricing pricing,
        ServerConfig server,
        TemporalTarget temporal,
        Map<String, SourceConfig> sources,
        GroundingSettings evidence,
        String source) {

    public DetourConfig {
        providers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull(providers, "providers")));
        chain = List.copyOf(Require.nonNull(chain, "chain"));
        Require.nonNull(resilience, "resilience");
        Require.nonNull(workflow, "workflow");
        Require.nonNull(store, "store");
        Require.nonNull(telemetry, "telemetry");
        Require.nonNull(pricing, "pricing");
        Require.nonNull(server, "server");
        Require.nonNull(temporal, "temporal");
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull(sources, "sources")));
        Require.nonNull(evidence, "evidence");
        Require.nonBlank(source, "source");
        for (String name : evidence.sources()) {
            if (!sources.containsKey(name)) {
                throw new IllegalArgumentException("evidence source \"" + name + "\" is not configured; configured"
                        + " sources: " + sources.keySet());
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least one model, was []");
        }
        for (ModelRef model : chain) {
            if (!providers.containsKey(model.provider())) {
                throw new IllegalArgumentException("chain entry " + model + " names provider \"" + model.provider()
                        + "\", which is not configured; configured providers: " + providers.keySet());
            }
        }
    }

    /** A configuration with no evidence source: research runs are answered from the models alone. */
    public DetourConfig(Map<String, ProviderConfig> providers, List<ModelRef> chain, ResilienceConfig resilience,
            WorkflowConfig workflow, StoreConfig store, TelemetryConfig telemetry, Pricing pricing, ServerConfig server,
            TemporalTarget temporal, String source) {
        this(providers, chain, resilience, workflow, store, telemetry, pricing, server, temporal, Map.of(),
                GroundingSettings.off(), source);
    }

    /**
     * A configuration that stores no run, searches no evidence source, with the default telemetry settings (off unless the {@code OTEL_*}
     * variables say otherwise), no prices, and its runs on Temporal going to a local dev server.
     */
    public DetourConfig(Map<String, ProviderConfig> providers, List<ModelRef> chain, ResilienceConfig resilience,
            WorkflowConfig workflow, String source) {
        this(providers, chain, resilience, workflow, StoreConfig.none(), TelemetryConfig.defaults(), Pricing.none(),
                ServerConfig.defaults(), TemporalTarget.defaults(), source);
    }

    /** A configuration with the default {@code temporal} section: its runs on Temporal go to a local dev server. */
    public DetourConfig(Map<String, ProviderConfig> providers, List<ModelRef> chain, ResilienceConfig resilience,
            WorkflowConfig workflow, StoreConfig store, TelemetryConfig telemetry, Pricing pricing, ServerConfig server,
            String source) {
        this(providers, chain, resilience, workflow, store, telemetry, pricing, server, TemporalTarget.defaults(), source);
    }

    /** A configuration with the default {@code server} and {@code temporal} sections. */
    public DetourConfig(Map<String, ProviderConfig> providers, List<ModelRef> chain, ResilienceConfig resilience,
            WorkflowConfig workflow, StoreConfig store, TelemetryConfig telemetry, Pricing pricing, String source) {
        this(providers, chain, resilience, workflow, store, telemetry, pricing, ServerConfig.defaults(),
                TemporalTarget.defaults(), source);
    }

    /** The configuration of the source {@code name}, if there is one. */
    public Optional<SourceConfig> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** This configuration with other evidence sources and grounding settings. */
    public DetourConfig withEvidence(Map<String, SourceConfig> sourcesValue, GroundingSettings value) {
        return new DetourConfig(providers, chain, resilience, workflow, store, telemetry, pricing, server, temporal,
                sourcesValue, value, source);
    }

    /** The configuration of the provider {@code name}, if there is one. */
    public Optional<ProviderConfig> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** This configuration with another chain. */
    public DetourConfig withChain(List<ModelRef> value) {
        return new DetourConfig(providers, value, resilience, workflow, store, telemetry, pricing, server, temporal,
                sources, evidence, source);
    }

    /** This configuration with other workflow defaults. */
    public DetourConfig withWorkflow(WorkflowConfig value) {
        return new DetourConfig(providers, chain, resilience, value, store, telemetry, pricing, server, temporal,
                sources, evidence, source);
    }

    /** This configuration storing runs as {@code value} says. */
    public DetourConfig withStore(StoreConfig value) {
        return new DetourConfig(providers, chain, resilience, workflow, value, telemetry, pricing, server, temporal,
                sources, evidence, source);
    }

    /** This configuration with other resilience settings. */
    public DetourConfig withResilience(ResilienceConfig value) {
        return new DetourConfig(providers, chain, value, workflow, store, telemetry, pricing, server, temporal,
                sources, evidence, source);
    }

    /** This configuration with other telemetry settings. */
    public DetourConfig withTelemetry(TelemetryConfig value) {
        return new DetourConfig(providers, chain, resilience, workflow, store, value, pricing, server, temporal,
                sources, evidence, source);
    }

    /** This configuration with another Temporal target. */
    public DetourConfig withTemporal(TemporalTarget value) {
        return new DetourConfig(providers, chain, resilience, workflow, store, telemetry, pricing, server, value,
                sources, evidence, source);
    }

    /** This configuration with other prices. */
    public DetourConfig withPricing(Pricing value) {
        return new DetourConfig(providers, chain, resilience, workflow, store, telemetry, value, server, temporal,
                sources, evidence, source);
    }

    /** This configuration with other server settings. */
    public DetourConfig withServer(ServerConfig value) {
        return new DetourConfig(providers, chain, resilience, workflow, store, telemetry, pricing, value, temporal,
                sources, evidence, source);
    }
}
