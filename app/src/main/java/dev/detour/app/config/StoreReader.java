package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code store} key: a map with {@code path} and {@code retention}, or {@code none}; without it,
 * the store is {@code $DETOUR_HOME/detour.db}, {@code DETOUR_HOME} defaulting to {@code ~/.detour}.
 */
final class StoreReader {

    static final List<String> KEYS = List.of("path", "retention");
    static final String AGE_HINT = "use a number with a unit: 30d, 12h, 90m";

    private static final String EXPECTED = "a map with keys path, retention, or none";

    private final Environment environment;
    private final Path workingDirectory;

    StoreReader(Environment environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    Optional<StoreConfig> read(JsonNode node, KeyPath path, Problems problems) {
        if (node == null || node.isMissingNode()) {
            return Optional.of(defaults());
        }
        if (node.isTextual() && node.textValue().strip().equals("none")) {
            return Optional.of(StoreConfig.none());
        }
        if (!node.isObject() && !node.isNull()) {
            problems.add(path, "expected " + EXPECTED + ", found " + Values.found(node));
            return Optional.empty();
        }
        Section store = Section.of(node, path, EXPECTED, problems);
        store.allowOnly(KEYS);
        Optional<Optional<Path>> file = store.has("path")
                ? Values.text(store.get("path"), store.at("path"), "a file path", "such as ~/.detour/detour.db", problems)
                        .map(this::resolve).map(Optional::of)
                : Optional.of(defaults().file());
        Optional<Optional<Duration>> retention = store.has("retention")
                ? retention(store.get("retention"), store.at("retention"), problems)
                : Optional.of(Optional.empty());
        if (file.isEmpty() || retention.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoreConfig(file.get(), retention.get()));
    }

    /** An age such as {@code 30d}, or {@code none} to keep runs until they are pruned. */
    private static Optional<Optional<Duration>> retention(JsonNode node, KeyPath path, Problems problems) {
        String hint = AGE_HINT + ", or none to keep every run";
        Optional<String> text = node.isNumber() ? Optional.of(node.asText())
                : Values.text(node, path, "a duration", hint, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().strip().equals("none")) {
            return Optional.of(Optional.empty());
        }
        try {
            return Optional.of(Optional.of(Durations.parseAge(text.get())));
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage() + " (" + hint + ")");
            return Optional.empty();
        }
    }

    /** {@code $DETOUR_HOME/detour.db}, else {@code ~/.detour/detour.db}; no store when no home is known. */
    private StoreConfig defaults() {
        Optional<Path> home = environment.variable(StoreConfig.HOME_VARIABLE).map(this::resolve)
                .or(() -> userHome().map(user -> user.resolve(".detour")));
        return new StoreConfig(home.map(directory -> directory.resolve(StoreConfig.FILE_NAME)), Optional.empty());
    }

    private Optional<Path> userHome() {
        return environment.variable("HOME").or(() -> environment.variable("USERPROFILE")).map(Path::of);
    }

    private Path resolve(String text) {
        String value = text.strip();
        if (value.equals("~") || value.startsWith("~/")) {
            Optional<Path> home = userHome();
            if (home.isPresent()) {
                return home.get().resolve(value.equals("~") ? "" : value.substring(2)).normalize();
            }
        }
        return workingDirectory.resolve(value).normalize();
    }
}
