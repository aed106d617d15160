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

    /**
     * The sources research would search, in the order reports list them, and one line per source that is
     * disabled; both as {@link #grounding()} and {@link #notices()} would have them once opened.
     */
    public record Searched(List<String> sources, List<String> notices) {

        public Searched {
            sources = List.copyOf(Require.nonNull(sources, "sources"));
            notices = List.copyOf(Require.nonNull(notices, "notices"));
        }
    }

    /** What becomes of one configured source, decided from the configuration and the environment alone. */
    private sealed interface Outcome {}

    private record Problem(String line) implements Outcome {}

    private record Disabled(String notice) implements Outcome {}

    private record Usable(String name, EvidenceSourceType type, AdapterSettings settings, AdapterKey key)
            implements Outcome {}

    private final Map<SourceRef, Opened> opened = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final GroundingSettings grounding;

    @Inject
    public Sources(DetourConfig config, SourceTypes types, Environment environment) {
        List<String> problems = new ArrayList<>();
        for (Outcome outcome : outcomes(config, types, environment)) {
            switch (outcome) {
                case Problem problem -> problems.add(problem.line());
                case Disabled disabled -> notices.add(disabled.notice());
                case Usable usable -> {
                    try {
                        EvidenceSourceType type = usable.type();
                        opened.put(SourceRef.of(usable.name()), new Opened(SourceRef.of(usable.name()),
                                type.open(usable.settings(), usable.key()),
                                type.requestsPerSecond(usable.settings(), usable.key()), type.requestsPerSearch()));
                    } catch (IllegalArgumentException e) {
                        problems.add("sources." + usable.name() + ": " + e.getMessage());
                    }
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

    /**
     * The sources that opening them would search and the notices it would give, found without opening any (no
     * connection, no client), for a command that only shows them.
     *
     * @throws IllegalArgumentException listing the problems found before opening, as the constructor does
     */
    public static Searched searched(DetourConfig config, SourceTypes types, Environment environment) {
        List<String> problems = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> usable = new ArrayList<>();
        for (Outcome outcome : outcomes(config, types, environment)) {
            switch (outcome) {
                case Problem problem -> problems.add(problem.line());
                case Disabled disabled -> notices.add(disabled.notice());
                case Usable source -> usable.add(source.name());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Searched(config.evidence().sources().stream().filter(usable::contains).toList(), notices);
    }

    private static List<Outcome> outcomes(DetourConfig config, SourceTypes types, Environment environment) {
        Require.nonNull(config, "config");
        Require.nonNull(types, "types");
        Require.nonNull(environment, "environment");
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : config.evidence().sources()) {
            outcomes.addAll(outcome(name, config.source(name).orElseThrow(), types, environment));
        }
        return outcomes;
    }

    private static List<Outcome> outcome(String name, SourceConfig source, SourceTypes types, Environment environment) {
        Optional<EvidenceSourceType> type = types.find(source.type());
        if (type.isEmpty()) {
            return List.of(new Problem("sources." + name + ".type: no source type \"" + source.type()
                    + "\" is installed; installed types: " + types.names()
                    + ". Put the adapter of that type on the class path."));
        }
        List<OptionProblem> wrong = type.get().problems(source.options());
        if (!wrong.isEmpty()) {
            return wrong.stream().<Outcome>map(problem ->
                    new Problem("sources." + name + "." + problem.key() + ": " + problem.message())).toList();
        }
        Optional<String> unusableKey = AdapterKeys.unusable(source.keyEnv(), environment, "sources." + name + ".key-env");
        if (unusableKey.isPresent()) {
            return List.of(new Problem(unusableKey.get()));
        }
        AdapterSettings settings = new AdapterSettings(name, source.baseUrl(), source.allowInsecureHttp(),
                source.options());
        AdapterKey key = AdapterKeys.read(source.keyEnv(), environment);
        Optional<String> missingKey = type.get().missingKey(settings, key);
        if (missingKey.isEmpty()) {
            return List.of(new Usable(name, type.get(), settings, key));
        }
        return List.of(key.variable().isPresent()
                ? new Disabled("detour: source " + name + " is disabled: " + firstLine(missingKey.get()))
                : new Problem("sources." + name + ": " + missingKey.get()));
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
