package dev.detour.core.model;

import dev.detour.core.internal.Require;

/**
 * One message of a chat conversation.
 *
 * @param role who speaks
 * @param content what is said; may be empty, never null
 */
public record ChatMessage(Role role, String content) {

    public ChatMessage {
        Require.nonNull(role, "role");
        Require.nonNull(content, "content");
    }

    /** A system instruction. */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    /** A user turn. */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    /** An earlier assistant turn. */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    @Override
    public String toString() {
        return "ChatMessage[role=" + role + ", content=" + content.length() + " chars]";
    }
}
