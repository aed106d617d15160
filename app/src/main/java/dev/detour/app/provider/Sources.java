package dev.detour.app.provider;

import com.google.inject.Inject;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.SourceConfig;
import dev.detour.app.config.SourceTypes;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.internal.Require;
import dev.detour.core.model.SourceRef;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.OptionProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The evidence sources research runs search, opened once through their {@link SourceTypes types}: the one
 * place source adapters are made and a source's key is read from the environment. A source whose type will
 * not open it without a key that is unset (OpenAlex) is disabled, with a one-line {@link #notices() notice},
 * never called keyless. Close it at shutdown to release their connections.
 */
public final class Sources implements AutoCloseable {

    /**
     * One opened source: its adapter, the rate of requests its type allows it, and how many requests one of its
     * searches makes at most.
     */
    public record Opened(SourceRef source, EvidenceSource adapter, OptionalInt requestsPerSecond, int requestsPerSearch) {}

    private final Map<SourceRef, Opened> opened = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final GroundingSettings grounding;

    @Inject
    public Sources(DetourConfig config, SourceTypes types, Environment environment) {
        Require.nonNull(config, "config");
        Require.nonNull(types, "types");
        Require.nonNull(environment, "environment");
        List<String> problems = new ArrayList<>();
        for (String name : config.evidence().sources()) {
            SourceConfig source = config.source(name).orElseThrow();
            Optional<EvidenceSourceType> type = types.find(source.type());
            if (type.isEmpty()) {
                problems.add("sources." + name + ".type: no source type \"" + source.type() + "\" is installed;"
                        + " installed types: " + types.names() + ". Put the adapter of that type on the class path.");
                continue;
            }
            List<OptionProblem> wrong = type.get().problems(source.options());
            if (!wrong.isEmpty()) {
                wrong.forEach(problem -> problems.add("sources." + name + "." + problem.key() + ": " + problem.message()));
                continue;
            }
            Optional<String> unusableKey = AdapterKeys.unusable(source.keyEnv(), environment, "sources." + name + ".key-env");
            if (unusableKey.isPresent()) {
                problems.add(unusableKey.get());
                continue;
            }
            AdapterSettings settings = new AdapterSettings(name, source.baseUrl(), source.allowInsecureHttp(),
                    source.options());
            AdapterKey key = AdapterKeys.read(source.keyEnv(), environment);
            try {
                opened.put(SourceRef.of(name), new Opened(SourceRef.of(name), type.get().open(settings, key),
                        type.get().requestsPerSecond(settings, key), type.get().requestsPerSearch()));
            } catch (IllegalArgumentException e) {
                if (key.variable().isPresent() && key.secret().isEmpty()) {
                    notices.add("detour: source " + name + " is disabled: " + firstLine(e.getMessage()));
                } else {
                    problems.add("sources." + name + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            close();
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        GroundingSettings configured = config.evidence();
        this.grounding = new GroundingSettings(
                configured.sources().stream().filter(name -> opened.containsKey(SourceRef.of(name))).toList(),
                configured.resultsPerSource(), configured.maxEvidencePerQuestion());
    }

    /** The opened sources, in the order reports list them. */
    public List<Opened> opened() {
        return List.copyOf(opened.values());
    }

    /** The grounding the configuration asks for, without the disabled sources. */
    public GroundingSettings grounding() {
        return grounding;
    }

    /** One line per source that is disabled, saying why and what to do. */
    public List<String> notices() {
        return Collections.unmodifiableList(notices);
    }

    @Override
    public void close() {
        opened.values().forEach(source -> source.adapter().close());
    }


    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
