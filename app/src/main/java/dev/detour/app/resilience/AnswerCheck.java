package dev.detour.app.resilience;

import dev.detour.core.model.AnswerRules;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;

/**
 * What an adapter's answer must be before the chain hands it on: some text that is not only whitespace,
 * following the request's {@link dev.detour.core.model.AnswerRule rules} (such as citing only the evidence
 * given), and for a structured request a value decoded from it. Whatever adapter read it, an answer that is not is
 * a {@link dev.detour.core.model.MalformedResponseException} of the model that gave it, carrying the tokens
 * it cost, so no value a provider returns reaches a caller's domain types unchecked.
 */
final class AnswerCheck {

    private final StructuredOutputDecoder decoder = new StructuredOutputDecoder();

    /** {@code response}, decoded for a structured {@code request}, once it passed the checks. */
    ChatResponse check(ChatRequest request, ChatResponse response) {
        if (response == null) {
            throw new IllegalStateException("the adapter returned no answer and no failure");
        }
        if (response.text().isBlank()) {
            throw ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, response.model())
                    .inferenceProvider(response.inferenceProvider().orElse(null))
                    .requestId(response.requestId().orElse(null))
                    .usage(response.usage())
                    .detail(response.text().isEmpty() ? "the answer is empty" : "the answer is empty (whitespace only)")
                    .build();
        }
        return decoder.decode(request, AnswerRules.enforce(request, response));
    }
}
