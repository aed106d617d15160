package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The output-token field: when a server rejects the one sent as an unsupported parameter, the port resends
 * once with the other and keeps using that one for the model.
 */
class TokenLimitFallbackTest {

    // Constructed in the shape OpenAI answers newer models that get max_tokens.
    private static final String MAX_TOKENS_REJECTED = Payloads.openAiError(
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
            "invalid_request_error", "max_tokens", "unsupported_parameter");
    private static final String MAX_COMPLETION_TOKENS_REJECTED = Payloads.openAiError(
            "Unsupported parameter: 'max_completion_tokens' is not supported with this model. Use 'max_tokens' instead.",
            "invalid_request_error", "max_completion_tokens", "unsupported_parameter");

    private static final ChatRequest LIMITED = ChatRequest.of(ChatMessage.user("Count to two."))
            .withOptions(GenerationOptions.defaults().withMaxOutputTokens(50));

    private final LoopbackProvider loopback = new LoopbackProvider();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void resendsOnceWithMaxCompletionTokensWhenTheServerRejectsMaxTokens() {
        loopback.enqueueJson(400, MAX_TOKENS_REJECTED);
        loopback.enqueueJson(200, Payloads.COMPLETION);

        ChatResponse response = loopback.provider().model("o3-mini").chat(LIMITED);

        assertThat(response.text()).isEqualTo("to two.");
        assertThat(sentJson().get("max_tokens").asInt()).isEqualTo(50);
        JsonNode resent = sentJson();
        assertThat(resent.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(resent.has("max_tokens")).isFalse();
        assertThat(loopback.server().getRequestCount()).isEqualTo(2);
    }

    @Test
    void remembersTheAcceptedFieldForThatModelAcrossPortsOfTheProvider() {
        loopback.enqueueJson(400, MAX_TOKENS_REJECTED);
        loopback.enqueueJson(200, Payloads.COMPLETION);
        loopback.enqueueJson(200, Payloads.COMPLETION);
        loopback.enqueueJson(200, Payloads.COMPLETION);
        OpenAiProvider provider = loopback.provider();

        provider.model("o3-mini").chat(LIMITED);
        provider.model("o3-mini").chat(LIMITED);
        provider.model("llama3:8b").chat(LIMITED);

        sentJson();
        sentJson();
        assertThat(sentJson().has("max_completion_tokens")).as("o3-mini's next call").isTrue();
        assertThat(sentJson().has("max_tokens")).as("another model's first call").isTrue();
        assertThat(loopback.server().getRequestCount()).isEqualTo(4);
    }

    @Test
    void resendsWithMaxTokensWhenAServerRejectsMaxCompletionTokens() {
        loopback.enqueueJson(400, MAX_COMPLETION_TOKENS_REJECTED);
        loopback.enqueueJson(200, Payloads.COMPLETION);

        loopback.provider(settings -> settings.tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS))
                .model("local-model").chat(LIMITED);

        assertThat(sentJson().has("max_completion_tokens")).isTrue();
        assertThat(sentJson().get("max_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void givesUpWithInvalidRequestWhenBothFieldsAreRejected() {
        loopback.enqueueJson(400, MAX_TOKENS_REJECTED);
        loopback.enqueueJson(400, MAX_COMPLETION_TOKENS_REJECTED);

        ModelCallException thrown = catchThrowableOfType(ModelCallException.class,
                () -> loopback.provider().model("odd-model").chat(LIMITED));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(thrown.httpStatus()).hasValue(400);
        assertThat(thrown.providerCode()).hasValue("unsupported_parameter");
        assertThat(loopback.server().getRequestCount()).isEqualTo(2);
    }

    @Test
    void doesNotResendWhenTheRejectedParameterIsNotTheTokenField() {
        loopback.enqueueJson(400, Payloads.openAiError("Unsupported parameter: 'seed' is not supported with this model.",
                "invalid_request_error", "seed", "unsupported_parameter"));
        ModelPort port = loopback.provider().model("o3-mini");

        ModelCallException thrown = catchThrowableOfType(ModelCallException.class, () -> port.chat(LIMITED));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(loopback.server().getRequestCount()).isEqualTo(1);
    }

    @Test
    void doesNotResendWhenTheRequestCarriedNoTokenLimit() {
        loopback.enqueueJson(400, MAX_TOKENS_REJECTED);
        ModelPort port = loopback.provider().model("o3-mini");

        ModelCallException thrown = catchThrowableOfType(ModelCallException.class,
                () -> port.chat(ChatRequest.of(ChatMessage.user("Count to two."))));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(loopback.server().getRequestCount()).isEqualTo(1);
    }

    private JsonNode sentJson() {
        String json = LoopbackProvider.body(loopback.takeRequest());
        RequestSchema.assertValid(json);
        return Payloads.tree(json);
    }
}
