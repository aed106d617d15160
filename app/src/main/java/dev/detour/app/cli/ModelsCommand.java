package dev.detour.app.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.SourceConfig;
import dev.detour.core.model.ModelRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code detour models}: the resolved chain and the configured evidence sources, with base URLs and whether each
 * key is set, never the key.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Show the resolved chain and evidence sources: models, providers, sources, base URLs and whether"
                + " each key is set.",
        footerHeading = "%nExample:%n", footer = "  detour models --chain hf:Qwen/Qwen2.5-7B-Instruct,openai:gpt-4o-mini")
final class ModelsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    FormatOption output = new FormatOption();

    ModelsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        List<String> searched = Session.searchedSources(context, config);
        if (output.json()) {
            ObjectNode json = JsonMapper.builder().build().createObjectNode().put("source", config.source());
            ArrayNode chain = json.putArray("chain");
            for (ModelRef model : config.chain()) {
                ProviderConfig provider = config.provider(model.provider()).orElseThrow();
                ObjectNode item = chain.addObject().put("model", model.toString()).put("provider", provider.name())
                        .put("type", provider.type()).put("baseUrl", provider.baseUrl().toString());
                provider.tokenEnv().ifPresentOrElse(variable -> item.put("tokenEnv", variable)
                                .put("keySet", context.environment().variable(variable).isPresent()),
                        () -> item.putNull("tokenEnv").put("keySet", false));
            }
            ArrayNode sources = json.putArray("sources");
            for (SourceConfig source : config.sources().values()) {
                ObjectNode item = sources.addObject().put("source", source.name()).put("type", source.type())
                        .put("baseUrl", source.baseUrl().toString());
                source.keyEnv().ifPresentOrElse(variable -> item.put("keyEnv", variable)
                                .put("keySet", context.environment().variable(variable).isPresent()),
                        () -> item.putNull("keyEnv").put("keySet", false));
                item.put("searched", searched.contains(source.name()));
            }
            context.out().println(json.toPrettyString());
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("#", "model", "provider", "type", "base URL", "key");
        int number = 1;
        for (ModelRef model : config.chain()) {
            ProviderConfig provider = config.provider(model.provider()).orElseThrow();
            table.row(number++, model, provider.name(), provider.type(), provider.baseUrl(), key(provider));
        }
        context.out().println("Chain from " + config.source() + ":");
        context.out().print(table.render("  "));
        if (!config.sources().isEmpty()) {
            TextTable sources = new TextTable("source", "type", "base URL", "key", "searched");
            config.sources().values().forEach(source -> sources.row(source.name(), source.type(), source.baseUrl(),
                    key(source.keyEnv()), searched.contains(source.name()) ? "yes" : "no"));
            context.out().println("Evidence sources:");
            context.out().print(sources.render("  "));
        }
        return ExitCodes.OK;
    }

    private String key(ProviderConfig provider) {
        return key(provider.tokenEnv());
    }

    private String key(Optional<String> keyEnv) {
        return keyEnv
                .map(variable -> variable + (context.environment().variable(variable).isPresent() ? " (set)" : " (not set)"))
                .orElse("none (keyless)");
    }
}
