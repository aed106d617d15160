package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.RateLimitedException;
import dev.detour.core.model.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class StreamingTest extends RouterTestSupport {

    private final List<String> deltas = new ArrayList<>();
    private final List<Thread> listenerThreads = new ArrayList<>();

    private CallContext listening() {
        return CallContext.none().withStreamListener(delta -> {
            deltas.add(delta);
            listenerThreads.add(Thread.currentThread());
        });
    }

    private ModelCallException streamFailure(String modelId) {
        ModelCallException[] failure = new ModelCallException[1];
        try {
            port(modelId).chat(question().withStream(true), listening());
        } catch (ModelCallException e) {
            failure[0] = e;
        }
        assertThat(failure[0]).as("the streamed call failed with a ModelCallException").isNotNull();
        assertThat(failure[0].getMessage()).doesNotContain(TOKEN);
        return failure[0];
    }

    private static String chunk(String content, String finishReason) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"tgi\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"role\":\"assistant\",\"content\":" + (content == null ? "null" : "\"" + content + "\"")
                + "},\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    @Test
    void deliversTheRecordedNovitaStreamDeltaByDeltaAndAssemblesTheAnswer() {
        enqueue(sse(fixture("hf-router-novita-stream.sse")).addHeader("x-request-id", "Root=1-67d1aa89-1;5cf4dfde"));

        ChatResponse response = port("meta-llama/Llama-3.1-8B-Instruct:novita").chat(question().withStream(true), listening());

        assertThat(deltas).containsExactly("Deep", " lear", "nin", "g is a s", "ubfield o", "f mac", "hine lea", "rni",
                "ng t", "hat focuses ", "on ", "the develop", "ment of", " artifici", "al ne",
                "ural networks with multiple");
        assertThat(response.text()).isEqualTo(String.join("", deltas)).isEqualTo(
                "Deep learning is a subfield of machine learning that focuses on the development of artificial"
                        + " neural networks with multiple");
        assertThat(response.finishReason()).isEqualTo(FinishReason.of("length"));
        assertThat(response.usage()).as("cumulative usage on every chunk: the last one counts")
                .isEqualTo(new TokenUsage(46, 20, 66));
        assertThat(response.servedModel()).contains("meta-llama/llama-3.1-8b-instruct");
        assertThat(response.inferenceProvider()).contains("novita");
        assertThat(response.requestId()).contains("Root=1-67d1aa89-1;5cf4dfde");
    }

    @Test
    void asksForAStreamWithUsageAndAcceptsAnEventStream() {
        enqueue(sse(fixture("hf-router-novita-stream.sse")));

        port("org/model").chat(question().withStream(true), listening());

        RecordedRequest request = recorded();
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(bodyOf(request)).isEqualTo(tree("""
                {"model": "org/model",
                 "messages": [{"role": "user", "content": "What is deep learning?"}],
                 "stream": true,
                 "stream_options": {"include_usage": true}}
                """));
    }

    @Test
    void listenersHearDeltasOnTheCallingThread() {
        enqueue(sse(fixture("hf-router-novita-stream.sse")));

        port("org/model").chat(question().withStream(true), listening());

        assertThat(listenerThreads).isNotEmpty().allMatch(thread -> thread == Thread.currentThread());
    }

    @Test
    void readsTgiStyleStreamsWithoutASpaceAfterDataCommentsCrLfAndNoDoneMarker() {
        enqueue(sse(": keep-alive\r\n\r\n"
                + "data:" + chunk("Hel", null) + "\r\n\r\n"
                + ":ping\r\n"
                + "data:" + chunk("lo", null) + "\r\n\r\n"
                + "data:" + chunk("", "eos_token") + "\r\n\r\n"));

        ChatResponse response = port("org/model:hf-inference").chat(question().withStream(true), listening());

        assertThat(response.text()).isEqualTo("Hello");
        assertThat(deltas).containsExactly("Hel", "lo");
        assertThat(response.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP);
        assertThat(response.finishReason().raw()).isEqualTo("eos_token");
        assertThat(response.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void aFinalChunkCutByTheEndOfTheBodyStillCounts() {
        enqueue(sse("data: " + chunk("Hi", null) + "\n\ndata: " + chunk("!", "stop")));

        assertThat(port("org/model").chat(question().withStream(true), listening()).text()).isEqualTo("Hi!");
    }

    @Test
    void readsAnEventWhoseJsonSpansSeveralDataLines() {
        enqueue(sse("data: {\"choices\":[{\"index\":0,\n"
                + "data:  \"delta\":{\"content\":\"Split\"},\n"
                + "data:  \"finish_reason\":\"stop\"}]}\n\n"));

        assertThat(port("org/model").chat(question().withStream(true), listening()).text()).isEqualTo("Split");
    }

    @Test
    void readsAFinalUsageChunkWithEmptyChoicesAfterTheFinishReason() {
        enqueue(sse("data: " + chunk("Yes", null) + "\n\n"
                + "data: " + chunk(null, "stop") + "\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":1,\"total_tokens\":13}}\n\n"
                + "data: [DONE]\n\n"));

        ChatResponse response = port("org/model").chat(question().withStream(true), listening());

        assertThat(response.text()).isEqualTo("Yes");
        assertThat(response.usage()).isEqualTo(new TokenUsage(12, 1, 13));
    }

    @Test
    void anUnknownFinishReasonEndsTheStreamAsOther() {
        enqueue(sse("data: " + chunk("Done", "end_of_sequence_token_v2") + "\n\n"));

        ChatResponse response = port("org/model").chat(question().withStream(true), listening());

        assertThat(response.finishReason().kind()).isEqualTo(FinishReason.Kind.OTHER);
        assertThat(response.finishReason().raw()).isEqualTo("end_of_sequence_token_v2");
    }

    @Test
    void aStreamThatEndsBeforeAFinishReasonIsTruncatedAndItsPartialTextIsNotAnAnswer() {
        enqueue(sse("data: " + chunk("Deep learn", null) + "\n\ndata: " + chunk("ing is", null) + "\n\n")
                .addHeader("x-inference-provider", "novita"));

        ModelCallException failure = streamFailure("org/model");

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("ended before a finish reason").contains("discarded");
        assertThat(failure.inferenceProvider()).contains("novita");
        assertThat(deltas).containsExactly("Deep learn", "ing is");
    }

    @Test
    void aDoneMarkerWithoutAFinishReasonIsStillTruncated() {
        enqueue(sse("data: " + chunk("Half", null) + "\n\ndata: [DONE]\n\n"));

        ModelCallException failure = streamFailure("org/model");

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("[DONE]");
    }

    @Test
    void aStreamWithNoEventsAtAllIsMalformed() {
        enqueue(sse(""));

        assertThat(streamFailure("org/model").kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void anEventThatIsNotJsonIsMalformed() {
        enqueue(sse("data: " + chunk("Hi", null) + "\n\ndata: <html>oops</html>\n\n"));

        ModelCallException failure = streamFailure("org/model");

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("not JSON");
    }

    @Test
    void aValidationErrorEventInsideA200StreamIsAnInvalidRequestLikeOnAPlainResponse() {
        enqueue(sse("data:" + fixture("hf-router-error-422-validation.json") + "\n\n")
                .addHeader("x-inference-provider", "hf-inference").addHeader("x-request-id", "req-stream"));

        ModelCallException failure = streamFailure("openai-community/gpt2");

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failure.providerCode()).contains("validation");
        assertThat(failure.inferenceProvider()).contains("hf-inference");
        assertThat(failure.requestId()).contains("req-stream");
        assertThat(failure.detail()).startsWith("Input validation error");
    }

    @Test
    void aGenerationErrorEventAfterSomeTextIsProviderUnavailable() {
        enqueue(sse("data: " + chunk("Deep", null) + "\n\n"
                + "data: {\"error\":\"Request failed during generation: Server error: CUDA out of memory\","
                + "\"error_type\":\"generation\"}\n\n").addHeader("x-inference-provider", "hf-inference"));

        ModelCallException failure = streamFailure("org/model");

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.providerCode()).contains("generation");
        assertThat(failure.summary()).isEqualTo("ProviderUnavailable from hf-inference");
        assertThat(deltas).containsExactly("Deep");
    }

    @Test
    void anOverloadedErrorEventIsRateLimited() {
        enqueue(sse("data: {\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}\n\n"));

        ModelCallException failure = streamFailure("org/model");

        assertThat(failure).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void aTemplateErrorEventIsModelUnavailable() {
        enqueue(sse("data: {\"error\":\"Template error: template not found\",\"error_type\":\"template_error\"}\n\n"));

        assertThat(streamFailure("openai-community/gpt2").kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    }

    @Test
    void aCreditsUsedUpEventIsQuotaExceededLikeThe402ItStandsFor() {
        enqueue(sse("data: " + fixture("hf-router-error-402-credits-exhausted.json") + "\n\n"));

        ModelCallException failure = streamFailure("org/model:novita");

        assertThat(failure.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aModelLoadingEventIsRateLimitedWithTheEstimatedWait() {
        enqueue(sse("data: " + fixture("hf-router-error-503-model-loading.json") + "\n\n"));

        ModelCallException failure = streamFailure("org/model");

        assertThat(failure).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) failure).retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void anOpenAiShapedErrorEventIsMappedByItsCode() {
        enqueue(sse("data: {\"error\":{\"message\":\"This model's maximum context length is 4096 tokens\","
                + "\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}\n\n"));

        assertThat(streamFailure("org/model").kind()).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    }

    @Test
    void anErrorTypedEventWithPlainTextIsProviderUnavailable() {
        enqueue(sse("data: " + chunk("Hi", null) + "\n\nevent: error\ndata: upstream connection lost\n\n"));

        ModelCallException failure = streamFailure("org/model:together");

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.detail()).isEqualTo("upstream connection lost");
    }

    @Test
    void aStreamedAnswerWithheldByAContentFilterIsContentFiltered() {
        enqueue(sse("data: " + chunk("I can", null) + "\n\ndata: " + chunk(null, "content_filter") + "\n\n"));

        assertThat(streamFailure("org/model").kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    }

    @Test
    void anErrorStatusOnAStreamingRequestIsMappedLikeAnyOther() {
        enqueue(json(402, fixture("hf-router-error-402-credits-exhausted.json")));

        assertThat(streamFailure("org/model:novita").kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(deltas).isEmpty();
    }
}
