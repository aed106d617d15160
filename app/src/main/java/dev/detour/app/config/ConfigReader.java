package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelRef;
import dev.detour.engine.temporal.TemporalTarget;
import dev.detour.core.research.GroundingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a YAML tree into a {@link DetourConfig}: secrets first, then every section, then the command-line
 * overrides; every problem is collected before one {@link ConfigException} is thrown.
 */
final class ConfigReader {

    static final List<String> TOP_KEYS = List.of("providers", "chain", "resilience", "workflow", "store", "telemetry", "pricing", "server",
            "temporal", "sources", "evidence");

    private final ProvidersReader providersReader;
    private final Environment environment;
    private final StoreReader storeReader;
    private final SourcesReader sourcesReader;

    ConfigReader(ProvidersReader providersReader, SourcesReader sourcesReader, Environment environment,
            StoreReader storeReader) {
        this.providersReader = providersReader;
        this.sourcesReader = sourcesReader;
        this.environment = environment;
        this.storeReader = storeReader;
    }

    DetourConfig read(JsonNode root, String source, Overrides overrides, Problems problems) {
        SecretScan.scan(root, problems);
        Section top = Section.of(root, KeyPath.root(), Section.shape(TOP_KEYS), problems);
        top.allowOnly(TOP_KEYS);
        boolean fileDeclaresProviders = top.has("providers");
        DeclaredProviders providers = fileDeclaresProviders
                ? providersReader.read(top.get("providers"), top.at("providers"), problems)
                : providersReader.builtIn(problems);
        Optional<List<ModelRef>> chain = Optional.empty();
        if (top.has("chain")) {
            chain = ChainReader.fromFile(top.get("chain"), top.at("chain"), providers, problems);
        }
        if (overrides.chain().isPresent()) {
            chain = ChainReader.fromOption(overrides.chain().get(), providers, problems);
        } else if (!top.has("chain")) {
            chain = builtInChain(fileDeclaresProviders, providers, top.at("chain"), problems);
        }
        Optional<ResilienceConfig> resilience =
                ResilienceReader.read(top.section("resilience", Section.shape(ResilienceReader.KEYS)));
        Optional<WorkflowConfig> workflow =
                WorkflowReader.read(top.section("workflow", Section.shape(WorkflowReader.KEYS)), overrides);
        Optional<TelemetryConfig> telemetry =
                TelemetryReader.read(top.section("telemetry", Section.shape(TelemetryReader.KEYS)));
        Optional<Pricing> pricing = PricingReader.read(top.section("pricing", "a map of models to their prices"));
        if (chain.isPresent() && workflow.isPresent() && pricing.isPresent() && workflow.get().costBudget().isPresent()) {
            List<String> unpriced = chain.get().stream().filter(model -> pricing.get().price(model).isEmpty())
                    .map(ModelRef::toString).toList();
            if (!unpriced.isEmpty()) {
                problems.add(overrides.costBudget().isPresent() ? KeyPath.label("--cost-budget") : top.at("workflow").key("cost-budget"),
                        "needs a price for every model of the chain, and " + String.join(", ", unpriced)
                        + (unpriced.size() == 1 ? " has" : " have") + " none; add "
                        + (unpriced.size() == 1 ? "it" : "them") + " under pricing, such as pricing: { \"" + unpriced.get(0)
                        + "\": { input-per-million: 0.15, output-per-million: 0.60 } }");
            }
        }
        Optional<StoreConfig> store = storeReader.read(top.get("store"), top.at("store"), problems);
        Optional<ServerConfig> server = ServerReader.read(top.section("server", Section.shape(ServerReader.KEYS)));
        Optional<TemporalTarget> temporal =
                TemporalReader.read(top.section("temporal", Section.shape(TemporalReader.KEYS)));
        List<String> declaredSources = new ArrayList<>();
        Map<String, SourceConfig> sources;
        if (top.has("sources")) {
            sources = sourcesReader.read(top.get("sources"), top.at("sources"), declaredSources, problems);
        } else {
            sources = sourcesReader.builtIn();
            declaredSources.addAll(sources.keySet());
        }
        Optional<GroundingSettings> evidence =
                EvidenceReader.read(top.get("evidence"), top.at("evidence"), declaredSources, overrides, problems);
        problems.throwIfAny(source);
        return new DetourConfig(providers.valid(), chain.orElseThrow(), resilience.orElseThrow(),
                workflow.orElseThrow(), store.orElseThrow(), telemetry.orElseThrow(), pricing.orElseThrow(), server.orElseThrow(),
                temporal.orElseThrow(), sources, evidence.orElseThrow(), source);
    }

    /**
     * The built-in chain; with a file's own providers, only its entries whose provider the file declares
     * with the built-in type. Nothing, and no problem of its own, while a provider's type is in doubt.
     */
    private Optional<List<ModelRef>> builtInChain(
            boolean fileDeclaresProviders, DeclaredProviders providers, KeyPath path, Problems problems) {
        List<ModelRef> builtIn = BuiltIns.chain(environment);
        List<ModelRef> chain = builtIn.stream()
                .filter(model -> !fileDeclaresProviders
                        || BuiltIns.typeOf(model.provider()).equals(providers.declaredTypes().get(model.provider())))
                .toList();
        if (providers.declaredTypes().containsValue("")) {
            return Optional.empty();
        }
        if (chain.isEmpty() && !providers.declaredTypes().isEmpty()) {
            String example = providers.declaredTypes().keySet().iterator().next();
            problems.add(path, "missing, and the built-in chain (" + builtIn.stream().map(ModelRef::toString)
                    .collect(Collectors.joining(", ")) + ") names no provider declared here;"
                    + " list the models to try, such as chain: [" + example + ":<model id>]");
            return Optional.empty();
        }
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain);
    }
}
