package dev.detour.app.resilience;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import java.nio.charset.StandardCharsets;

/**
 * The most prompt tokens a request can cost before it is sent: its messages' UTF-8 bytes, since a token of a
 * byte-level tokenizer covers at least one byte. An overestimate (about four times a typical count) by design.
 */
final class WorstCase {

    private WorstCase() {}

    static long promptTokens(ChatRequest request) {
        long bytes = 0;
        for (ChatMessage message : request.messages()) {
            bytes += message.content().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
