package dev.detour.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.SourceConfig;
import dev.detour.app.config.SourceTypes;
import dev.detour.app.config.StoreConfig;
import dev.detour.app.config.TelemetryConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code detour config}: the effective configuration, every key with its value and where the value came
 * from (default, file, env or flag). A key's value is never shown, only the name of its variable and
 * whether it is set.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show the effective configuration: every key, its value and where it came from"
                + " (default, file, env, flag). Never shows a key.",
        footerHeading = "%nExample:%n", footer = "  detour config --config detour.yaml --chain hf:Qwen/Qwen2.5-7B-Instruct")
final class ConfigCommand implements Callable<Integer> {

    /** One key of the effective configuration. */
    record Setting(String key, String value, String origin) {}

    private final CliContext context;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    FormatOption output = new FormatOption();

    ConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        List<Setting> settings = settings(config, fileTree(config));
        if (output.json()) {
            ObjectMapper mapper = JsonMapper.builder().build();
            ObjectNode json = mapper.createObjectNode().put("source", config.source());
            ArrayNode items = json.putArray("settings");
            settings.forEach(setting -> items.addObject().put("key", setting.key()).put("value", setting.value())
                    .put("origin", setting.origin()));
            context.out().println(json.toPrettyString());
            return ExitCodes.OK;
        }
        context.out().println("Configuration from " + config.source() + ":");
        TextTable table = new TextTable("key", "value", "from");
        settings.forEach(setting -> table.row(setting.key(), setting.value(), setting.origin()));
        context.out().print(table.render("  "));
        return ExitCodes.OK;
    }

    /** The file's YAML tree, or an empty map for the built-in defaults. */
    private JsonNode fileTree(DetourConfig config) {
        if (config.source().equals(ConfigLoader.DEFAULTS_SOURCE)) {
            return YAMLMapper.builder().build().createObjectNode();
        }
        try {
            JsonNode tree = YAMLMapper.builder().build().readTree(Files.readString(Path.of(config.source())));
            return tree == null || !tree.isObject() ? YAMLMapper.builder().build().createObjectNode() : tree;
        } catch (IOException e) {
            throw new UsageProblem("detour config: cannot read " + config.source() + " again (" + e.getMessage() + ")");
        }
    }

    private List<Setting> settings(DetourConfig config, JsonNode file) {
        List<Setting> settings = new ArrayList<>();
        boolean providersFromFile = file.has("providers");
        for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
            ProviderConfig provider = entry.getValue();
            String prefix = "providers." + entry.getKey() + ".";
            JsonNode declared = file.path("providers").path(entry.getKey());
            settings.add(new Setting(prefix + "type", provider.type(), origin(declared, "type", providersFromFile)));
            String baseUrlOrigin = origin(declared, "base-url", providersFromFile);
            if (!providersFromFile && entry.getKey().equals("openai")
                    && context.environment().variable("OPENAI_BASE_URL").isPresent()) {
                baseUrlOrigin = "env (OPENAI_BASE_URL)";
            }
            settings.add(new Setting(prefix + "base-url", provider.baseUrl().toString(), baseUrlOrigin));
            settings.add(new Setting(prefix + "token-env", provider.tokenEnv()
                    .map(variable -> variable + (context.environment().variable(variable).isPresent() ? " (set)" : " (not set)"))
                    .orElse("none (keyless)"), origin(declared, "token-env", providersFromFile)));
            settings.add(new Setting(prefix + "allow-insecure-http", String.valueOf(provider.allowInsecureHttp()),
                    origin(declared, "allow-insecure-http", providersFromFile)));
            provider.options().forEach((option, value) ->
                    settings.add(new Setting(prefix + option, value, origin(declared, option, providersFromFile))));
        }
        sources(config, file, settings);
        String chainOrigin = configOptions.chain != null ? "flag (--chain)"
                : file.has("chain") ? "file"
                : context.environment().variable("OPENAI_API_KEY").isPresent() && !providersFromFile
                        ? "default (OPENAI_API_KEY is set)" : "default";
        settings.add(new Setting("chain", config.chain().stream().map(ModelRef::toString)
                .collect(Collectors.joining(", ")), chainOrigin));
        ResilienceConfig resilience = config.resilience();
        JsonNode r = file.path("resilience");
        settings.add(setting(r, "resilience.", "attempt-timeout", duration(resilience.attemptTimeout())));
        settings.add(setting(r, "resilience.", "max-retries", String.valueOf(resilience.maxRetries())));
        settings.add(setting(r.path("backoff"), "resilience.backoff.", "initial", duration(resilience.backoff().initial())));
        settings.add(setting(r.path("backoff"), "resilience.backoff.", "max", duration(resilience.backoff().max())));
        settings.add(setting(r.path("backoff"), "resilience.backoff.", "jitter", String.valueOf(resilience.backoff().jitter())));
        settings.add(setting(r, "resilience.", "max-retry-wait", duration(resilience.maxRetryWait())));
        settings.add(setting(r.path("circuit-breaker"), "resilience.circuit-breaker.", "failure-threshold",
                String.valueOf(resilience.circuitBreaker().failureThreshold())));
        settings.add(setting(r.path("circuit-breaker"), "resilience.circuit-breaker.", "open-for",
                duration(resilience.circuitBreaker().openFor())));
        settings.add(setting(r, "resilience.", "call-deadline",
                resilience.callDeadline().map(ConfigCommand::duration).orElse("none")));
        WorkflowConfig workflow = config.workflow();
        JsonNode w = file.path("workflow");
        settings.add(setting(w, "workflow.", "max-iterations", String.valueOf(workflow.maxIterations())));
        settings.add(setting(w, "workflow.", "token-budget", String.valueOf(workflow.tokenBudget())));
        settings.add(setting(w, "workflow.", "parallelism", String.valueOf(workflow.parallelism())));
        settings.add(setting(w, "workflow.", "cost-budget", workflow.costBudget().map(BigDecimal::toPlainString).orElse("none")));
        JsonNode store = file.path("store");
        boolean storeFromFile = file.has("store");
        String pathOrigin = storeFromFile && (store.isTextual() || store.has("path")) ? "file"
                : context.environment().variable(StoreConfig.HOME_VARIABLE).isPresent()
                        ? "env (" + StoreConfig.HOME_VARIABLE + ")" : "default";
        settings.add(new Setting("store.path", config.store().file().map(Path::toString).orElse("none (runs are not stored)"),
                pathOrigin));
        settings.add(new Setting("store.retention", config.store().retention().map(ConfigCommand::duration)
                .orElse("none (kept until pruned)"), storeFromFile && store.has("retention") ? "file" : "default"));
        config.pricing().prices().forEach((model, price) -> settings.add(new Setting("pricing." + model,
                price.inputPerMillion().toPlainString() + " in, " + price.outputPerMillion().toPlainString()
                        + " out (dollars per million tokens)", "file")));
        TelemetryConfig telemetry = config.telemetry();
        JsonNode t = file.path("telemetry");
        settings.add(setting(t, "telemetry.", "exporter", telemetry.exporter()));
        settings.add(setting(t, "telemetry.", "endpoint", telemetry.endpoint().map(URI::toString).orElse("the SDK's default")));
        settings.add(setting(t, "telemetry.", "protocol", telemetry.protocol()));
        settings.add(setting(t, "telemetry.", "propagate", String.valueOf(telemetry.propagate())));
        return settings;
    }

    /** The sources, each key with its origin, and the {@code evidence} section. */
    private void sources(DetourConfig config, JsonNode file, List<Setting> settings) {
        boolean sourcesFromFile = file.has("sources");
        SourceTypes types = SourceTypes.installed();
        for (SourceConfig source : config.sources().values()) {
            String prefix = "sources." + source.name() + ".";
            JsonNode declared = file.path("sources").path(source.name());
            settings.add(new Setting(prefix + "type", source.type(), origin(declared, "type", sourcesFromFile)));
            settings.add(new Setting(prefix + "base-url", source.baseUrl().toString(),
                    origin(declared, "base-url", sourcesFromFile)));
            settings.add(new Setting(prefix + "key-env", source.keyEnv()
                    .map(variable -> variable + (context.environment().variable(variable).isPresent() ? " (set)" : " (not set)"))
                    .orElse("none (keyless)"), origin(declared, "key-env", sourcesFromFile)));
            settings.add(new Setting(prefix + "allow-insecure-http", String.valueOf(source.allowInsecureHttp()),
                    origin(declared, "allow-insecure-http", sourcesFromFile)));
            source.options().forEach((option, value) ->
                    settings.add(new Setting(prefix + option, value, origin(declared, option, sourcesFromFile))));
            if (!source.options().containsKey("requests-per-second")) {
                types.find(source.type()).ifPresent(type -> {
                    AdapterKey key = source.keyEnv().flatMap(variable -> context.environment().variable(variable)
                            .map(value -> AdapterKey.of(variable, Secret.of(value)))).orElseGet(AdapterKey::none);
                    OptionalInt rate = type.requestsPerSecond(new AdapterSettings(source.name(), source.baseUrl(),
                            source.allowInsecureHttp(), source.options()), key);
                    rate.ifPresent(perSecond -> settings.add(new Setting(prefix + "requests-per-second",
                            String.valueOf(perSecond), key.secret().isPresent()
                                    ? "default (" + key.variable().orElseThrow() + " is set)" : "default")));
                });
            }
        }
        JsonNode evidence = file.path("evidence");
        boolean off = evidence.isTextual();
        GroundingSettings grounding = config.evidence();
        settings.add(new Setting("evidence.use", grounding.enabled() ? String.join(", ", grounding.sources()) : "none",
                off || evidence.has("use") ? "file" : "default"));
        settings.add(setting(evidence, "evidence.", "results-per-source", String.valueOf(grounding.resultsPerSource())));
        settings.add(setting(evidence, "evidence.", "max-evidence-per-question",
                String.valueOf(grounding.maxEvidencePerQuestion())));
    }

    private static Setting setting(JsonNode section, String prefix, String key, String value) {
        return new Setting(prefix + key, value, section.has(key) ? "file" : "default");
    }

    private static String origin(JsonNode declared, String key, boolean fromFile) {
        return fromFile && declared.has(key) ? "file" : "default";
    }

    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
