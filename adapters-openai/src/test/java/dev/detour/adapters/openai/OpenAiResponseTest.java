package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers that look like successes but are not, and the tolerance the adapter owes to compatible servers.
 * Bodies here are constructed in OpenAI's response shape unless they name a fixture.
 */
class OpenAiResponseTest {

    private static final ChatRequest QUESTION = ChatRequest.of(ChatMessage.user("Count to two."));

    private final LoopbackProvider loopback = new LoopbackProvider();

    @AfterEach
    void close() {
        loopback.close();
    }

    private ModelPort port() {
        return loopback.provider().model("gpt-4o-mini");
    }

    private static String completion(String message, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"message\":" + message + ",\"finish_reason\":" + finishReason + "}]}";
    }

    private ModelCallException failure(ChatRequest request) {
        return catchThrowableOfType(ModelCallException.class, () -> port().chat(request));
    }

    @Test
    void treatsA200WithNoChoicesAsMalformedResponse() {
        loopback.enqueueJson(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}");

        ModelCallException thrown = failure(QUESTION);

        assertThat(thrown.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.detail()).contains("no choices");
    }

    @Test
    void treatsEmptyContentWithoutAToolCallAsMalformedResponse() {
        loopback.enqueueJson(200, completion("{\"role\":\"assistant\",\"content\":\"\"}", "\"stop\""));

        assertThat(failure(QUESTION).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void treatsNullContentWithAToolCallAsMalformedBecauseNoToolsWereOffered() {
        loopback.enqueueJson(200, completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", "\"tool_calls\""));

        ModelCallException thrown = failure(QUESTION);

        assertThat(thrown.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.detail()).contains("tool call");
    }

    @Test
    void mapsFinishReasonContentFilterToContentFiltered() {
        loopback.enqueueJson(200, completion("{\"role\":\"assistant\",\"content\":\"Partial\"}", "\"content_filter\""));

        assertThat(failure(QUESTION).kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    }

    @Test
    void mapsARefusalToContentFilteredWithTheModelsWords() {
        loopback.enqueueJson(200, completion("{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I'm sorry, I cannot help with that.\"}", "\"stop\""));

        ModelCallException thrown = failure(QUESTION);

        assertThat(thrown.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
        assertThat(thrown.detail()).contains("I'm sorry, I cannot help with that.");
    }

    @Test
    void mapsAnErrorObjectInsideA200BodyLikeTheSameErrorResponse() {
        loopback.enqueueJson(200, Payloads.ERROR_429_RATE);

        ModelCallException thrown = failure(QUESTION);

        assertThat(thrown.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(thrown.providerCode()).hasValue("rate_limit_exceeded");
    }

    @Test
    void acceptsAMissingFinishReasonOnAPlainAnswerAsUnknown() {
        loopback.enqueueJson(200, completion("{\"role\":\"assistant\",\"content\":\"One, two.\"}", "null"));

        ChatResponse response = port().chat(QUESTION);

        assertThat(response.text()).isEqualTo("One, two.");
        assertThat(response.finishReason().kind()).isEqualTo(FinishReason.Kind.OTHER);
    }

    @Test
    void deliversAPlainJsonAnswerToAStreamRequestAsOneDelta() {
        loopback.enqueueJson(200, Payloads.COMPLETION);
        List<String> deltas = new ArrayList<>();

        ChatResponse response = port().chat(QUESTION.withStream(true), CallContext.none().withStreamListener(deltas::add));

        assertThat(deltas).containsExactly("to two.");
        assertThat(response.text()).isEqualTo("to two.");
    }

    @Test
    void treatsAStreamThatSaysDoneBeforeAFinishReasonAsMalformedResponse() {
        String cut = "data: " + Payloads.events(Payloads.STREAM_BASIC).get(1) + "\n\ndata: [DONE]\n\n";
        loopback.enqueue(200, "text/event-stream", cut);
        List<String> deltas = new ArrayList<>();

        ModelCallException thrown = catchThrowableOfType(ModelCallException.class,
                () -> port().chat(QUESTION.withStream(true), CallContext.none().withStreamListener(deltas::add)));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.detail()).contains("ended before a finish reason");
        assertThat(deltas).as("what the listener saw before the failure").containsExactly("two");
    }

    @Test
    void treatsAStreamEventThatIsNotJsonAsMalformedResponse() {
        loopback.enqueue(200, "text/event-stream", "data: {\"choices\":[{\"delta\":{\"content\":\"on\n\n");

        assertThat(failure(QUESTION.withStream(true)).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void mapsAContentFilterFinishInAStreamToContentFiltered() {
        loopback.enqueue(200, "text/event-stream", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"},"
                + "\"finish_reason\":null}]}\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"content_filter\"}]}\n\ndata: [DONE]\n\n");

        assertThat(failure(QUESTION.withStream(true)).kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    }

    @Test
    void tellsWhichVariableToSetWhenNoKeyWasSent() {
        loopback.enqueueJson(401, Payloads.ERROR_401_KEY);
        OpenAiSettings keyless = OpenAiSettings.builder().providerName("openai").baseUrl(loopback.baseUrl())
                .apiKeyVariable("OPENAI_API_KEY").build();

        try (OpenAiProvider provider = OpenAiProvider.create(keyless)) {
            ModelCallException thrown = catchThrowableOfType(ModelCallException.class,
                    () -> provider.model("gpt-4o-mini").chat(QUESTION));

            assertThat(thrown.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
            assertThat(thrown.getMessage())
                    .contains("openai:gpt-4o-mini")
                    .contains("HTTP 401")
                    .contains("no API key was sent: set the environment variable OPENAI_API_KEY");
        }
    }

    @Test
    void namesTheTimeoutThatExpired() {
        loopback.server().enqueue(new mockwebserver3.MockResponse.Builder()
                .onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build());
        ModelPort port = loopback.provider(settings -> settings.readTimeout(java.time.Duration.ofMillis(200)))
                .model("gpt-4o-mini");

        ModelCallException thrown = catchThrowableOfType(ModelCallException.class, () -> port.chat(QUESTION));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(thrown.detail()).contains("read timeout of 200 ms");
    }
}
