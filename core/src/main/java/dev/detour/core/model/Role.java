package dev.detour.core.model;

import java.util.Locale;

/** Who speaks in a chat message. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name chat-completion APIs use on the wire, such as {@code "user"}. */
    public String wireName() {
        return wireName;
    }
}
