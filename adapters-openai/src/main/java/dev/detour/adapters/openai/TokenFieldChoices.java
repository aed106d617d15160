package dev.detour.adapters.openai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which token-limit field each model of one provider accepts, learned from its rejections. */
final class TokenFieldChoices {

    private final TokenLimitField configured;
    private final Map<String, TokenLimitField> learned = new ConcurrentHashMap<>();

    TokenFieldChoices(TokenLimitField configured) {
        this.configured = configured;
    }

    TokenLimitField fieldFor(String modelId) {
        return learned.getOrDefault(modelId, configured);
    }

    void remember(String modelId, TokenLimitField field) {
        learned.put(modelId, field);
    }
}
