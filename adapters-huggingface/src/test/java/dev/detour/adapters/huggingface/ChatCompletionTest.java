package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.model.TokenUsage;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class ChatCompletionTest extends RouterTestSupport {

    private static final String NOVITA_REQUEST_ID =
            "Root=1-67b35993-2c0a2f4f311650c51d116a08;79e0a245-15f5-461f-82e8-0a50ac6fa93f";

    record Verdict(boolean sufficient, List<String> gaps) {}

    @Test
    void readsTheRecordedNovitaCompletionWithUsageServedModelAndRequestId() {
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json"))
                .addHeader("x-request-id", NOVITA_REQUEST_ID)
                .addHeader("x-inference-provider", "novita"));

        ChatResponse response = port("meta-llama/Llama-3.1-8B-Instruct:novita").chat(question());

        String expectedText = tree(fixture("hf-router-novita-chat-completion.json"))
                .at("/choices/0/message/content").textValue();
        assertThat(response.text()).isEqualTo(expectedText).startsWith("Deep learning is a subset of machine learning");
        assertThat(response.finishReason()).isEqualTo(FinishReason.of("stop"));
        assertThat(response.usage()).isEqualTo(new TokenUsage(46, 584, 630));
        assertThat(response.model()).isEqualTo(ModelRef.of("hf", "meta-llama/Llama-3.1-8B-Instruct:novita"));
        assertThat(response.servedModel()).contains("meta-llama/llama-3.1-8b-instruct");
        assertThat(response.inferenceProvider()).contains("novita");
        assertThat(response.requestId()).contains(NOVITA_REQUEST_ID);
    }

    @Test
    void sendsTheOpenAiCompatibleBodyWithMaxTokensAndTheWholeModelIdToV1ChatCompletions() {
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json")));
        ChatRequest request = ChatRequest.of(ChatMessage.system("Be brief."), ChatMessage.user("What is deep learning?"),
                        ChatMessage.assistant("A kind of ML."), ChatMessage.user("More, please."))
                .withOptions(GenerationOptions.defaults().withTemperature(0.2).withTopP(0.9)
                        .withMaxOutputTokens(200).withStop(List.of("\n\n")).withSeed(42));

        port("Qwen/Qwen2.5-72B-Instruct:novita").chat(request);

        RecordedRequest recorded = recorded();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(bodyOf(recorded)).isEqualTo(tree("""
                {"model": "Qwen/Qwen2.5-72B-Instruct:novita",
                 "messages": [
                   {"role": "system", "content": "Be brief."},
                   {"role": "user", "content": "What is deep learning?"},
                   {"role": "assistant", "content": "A kind of ML."},
                   {"role": "user", "content": "More, please."}],
                 "temperature": 0.2,
                 "top_p": 0.9,
                 "max_tokens": 200,
                 "stop": ["\\n\\n"],
                 "seed": 42}
                """));
    }

    @Test
    void leavesUnsetOptionsOutOfTheBody() {
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json")));

        port("Qwen/Qwen2.5-72B-Instruct").chat(question());

        assertThat(bodyOf(recorded())).isEqualTo(tree("""
                {"model": "Qwen/Qwen2.5-72B-Instruct",
                 "messages": [{"role": "user", "content": "What is deep learning?"}]}
                """));
    }

    @Test
    void asksForStructuredOutputAsAJsonSchemaResponseFormat() {
        enqueue(json(200, """
                {"id":"x","model":"Qwen/Qwen2.5-72B-Instruct","choices":[{"index":0,
                 "message":{"role":"assistant","content":"{\\"sufficient\\":true,\\"gaps\\":[]}"},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":9,"total_tokens":19}}
                """));
        ResponseFormat format = ResponseFormat.of(Verdict.class);

        ChatResponse response = port("Qwen/Qwen2.5-72B-Instruct:together")
                .chat(question().withResponseFormat(format));

        ObjectNode expected = (ObjectNode) tree("""
                {"model": "Qwen/Qwen2.5-72B-Instruct:together",
                 "messages": [{"role": "user", "content": "What is deep learning?"}],
                 "response_format": {"type": "json_schema",
                   "json_schema": {"name": "Verdict", "strict": true}}}
                """);
        ((ObjectNode) expected.at("/response_format/json_schema")).set("schema", tree(format.jsonSchema()));
        assertThat(bodyOf(recorded())).isEqualTo(expected);
        assertThat(response.text()).isEqualTo("{\"sufficient\":true,\"gaps\":[]}");
    }

    @Test
    void toleratesMissingUsageNullDetailsAndUnknownFields() {
        enqueue(json(200, """
                {"id":"","object":"chat.completion","model":"m","system_fingerprint":null,
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","tool_calls":null},
                   "logprobs":null,"finish_reason":"eos_token","something_new":{"a":1}}]}
                """));

        ChatResponse response = port("org/model").chat(question());

        assertThat(response.text()).isEqualTo("Hi");
        assertThat(response.finishReason().kind()).isEqualTo(FinishReason.Kind.STOP);
        assertThat(response.finishReason().raw()).isEqualTo("eos_token");
        assertThat(response.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void aCompletionWithNoChoicesIsAMalformedResponse() {
        enqueue(json(200, "{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":3}}")
                .addHeader("x-inference-provider", "together"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("no choices");
        assertThat(failure.inferenceProvider()).contains("together");
    }

    @Test
    void aCompletionWithEmptyContentIsAMalformedResponse() {
        enqueue(json(200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"stop"}]}
                """));

        ModelCallException failure = failureOf(port("org/model:novita"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("empty content");
        assertThat(failure.inferenceProvider()).contains("novita");
    }

    @Test
    void aSuccessfulStatusWhoseBodyIsNotJsonIsAMalformedResponse() {
        enqueue(json(200, "<html><head><title>Welcome</title></head></html>").setHeader("Content-Type", "text/html"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("not a chat completion").contains("HTML error page from");
    }

    @Test
    void anAnswerWithheldByAContentFilterIsContentFiltered() {
        enqueue(json(200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"content_filter"}]}
                """).addHeader("x-inference-provider", "nebius"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
        assertThat(failure.inferenceProvider()).contains("nebius");
    }

    @Test
    void anErrorObjectInsideA200BodyMapsLikeTheSameErrorOnAnErrorStatus() {
        enqueue(json(200, fixture("hf-router-error-422-validation.json")).addHeader("x-inference-provider", "hf-inference"));

        ModelCallException failure = failureOf(port("openai-community/gpt2"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failure.providerCode()).contains("validation");
        assertThat(failure.inferenceProvider()).contains("hf-inference");
    }

    @Test
    void aStreamingRequestAnsweredInOnePieceStillReachesTheListener() {
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json")));
        StringBuilder streamed = new StringBuilder();

        ChatResponse response = port("org/model:novita").chat(question().withStream(true),
                CallContext.none().withStreamListener(streamed::append));

        assertThat(streamed.toString()).isEqualTo(response.text());
    }

    @Test
    void aRequestThatIsNotStreamedTellsTheListenerNothing() {
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json")));
        StringBuilder streamed = new StringBuilder();

        port("org/model").chat(question(), CallContext.none().withStreamListener(streamed::append));

        assertThat(streamed).isEmpty();
    }

    @Test
    void onePortPerModelSharesTheProviderButNotTheModelId() {
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json")));
        enqueue(json(200, fixture("hf-router-novita-chat-completion.json")));
        HuggingFaceProvider provider = HuggingFaceProvider.create(settings());
        try (provider) {
            ModelPort qwen = provider.model("Qwen/Qwen2.5-72B-Instruct:novita");
            ModelPort llama = provider.model("meta-llama/Llama-3.1-8B-Instruct:fastest");

            assertThat(qwen.chat(question()).model().model()).isEqualTo("Qwen/Qwen2.5-72B-Instruct:novita");
            assertThat(llama.chat(question()).model().model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct:fastest");
        }
        assertThat(bodyOf(recorded()).get("model").textValue()).isEqualTo("Qwen/Qwen2.5-72B-Instruct:novita");
        assertThat(bodyOf(recorded()).get("model").textValue()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct:fastest");
    }
}
