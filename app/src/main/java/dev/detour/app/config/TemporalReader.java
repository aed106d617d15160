package dev.detour.app.config;

import dev.detour.engine.temporal.TemporalTarget;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code temporal} section; missing keys take {@link TemporalTarget#defaults()}. */
final class TemporalReader {

    static final List<String> KEYS = List.of("target", "namespace", "task-queue");

    private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:]+\\]:[0-9]{1,5}");

    private TemporalReader() {}

    static Optional<TemporalTarget> read(Section temporal) {
        TemporalTarget defaults = TemporalTarget.defaults();
        temporal.allowOnly(KEYS);
        Optional<String> target = text(temporal, "target", defaults.target(), "host:port, such as 127.0.0.1:7233");
        if (target.isPresent() && !HOST_AND_PORT.matcher(target.get()).matches()) {
            temporal.problems().add(temporal.at("target"), Shown.quoted(target.get())
                    + " is not host:port (the Temporal frontend, such as 127.0.0.1:7233)");
            target = Optional.empty();
        }
        Optional<String> namespace = text(temporal, "namespace", defaults.namespace(), "a Temporal namespace, such as default");
        Optional<String> taskQueue = text(temporal, "task-queue", defaults.taskQueue(), "a task queue name, such as detour");
        if (target.isEmpty() || namespace.isEmpty() || taskQueue.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TemporalTarget(target.get(), namespace.get(), taskQueue.get()));
    }

    private static Optional<String> text(Section temporal, String key, String fallback, String hint) {
        if (!temporal.has(key)) {
            return Optional.of(fallback);
        }
        Optional<String> text = Values.text(temporal.get(key), temporal.at(key), "text", hint, temporal.problems())
                .map(String::strip);
        if (text.isPresent() && text.get().isEmpty()) {
            temporal.problems().add(temporal.at(key), "is empty (" + hint + ")");
            return Optional.empty();
        }
        return text;
    }
}
