package dev.detour.core.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The completed steps of a stored run that a resume returns instead of running them: a step at the same
 * path, the same occurrence and with an equal input gets its recorded output.
 */
final class Replay {

    private final Map<String, StoredStep> completed = new HashMap<>();
    private final Map<String, Integer> occurrences = new HashMap<>();

    Replay(List<StoredStep> steps) {
        for (StoredStep step : steps) {
            if (step.replayable()) {
                completed.put(key(step.record().path(), step.occurrence()), step);
            }
        }
    }

    /** How many executions of {@code path} this session has begun before this one. */
    int nextOccurrence(String path) {
        synchronized (occurrences) {
            return occurrences.merge(path, 1, Integer::sum) - 1;
        }
    }

    /** The recorded completion of the step at {@code path} and {@code occurrence}, if it had {@code input}. */
    Optional<StoredStep> recorded(String path, int occurrence, Object input) {
        return Optional.ofNullable(completed.get(key(path, occurrence)))
                .filter(step -> Objects.equals(step.record().input(), input));
    }

    private static String key(String path, int occurrence) {
        return occurrence + "@" + path;
    }
}
