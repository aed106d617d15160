package dev.detour.core.wire;

import dev.detour.core.internal.Require;
import java.util.Optional;

/**
 * One Server-Sent Event.
 *
 * @param type the {@code event:} field, {@code message} when absent
 * @param data the {@code data:} lines joined with newlines
 * @param id the {@code id:} field, if any
 */
public record SseEvent(String type, String data, Optional<String> id) {

    public SseEvent {
        Require.nonNull(type, "type");
        Require.nonNull(data, "data");
        Require.nonNull(id, "id");
    }
}
