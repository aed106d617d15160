package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.Description;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.ResponseFormat;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact JSON and headers the adapter sends, checked against OpenAI's own request schema. */
class OpenAiRequestTest {

    private final LoopbackProvider loopback = new LoopbackProvider();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Description("Weather in a city")
    record Location(String city, @Description("degrees") int temperature, String units) {}

    private static final ChatRequest QUESTION = ChatRequest.of(
            ChatMessage.system("You are terse."),
            ChatMessage.user("Count to two."),
            ChatMessage.assistant("One."),
            ChatMessage.user("Go on."));

    @Test
    void sendsEveryGenerationOptionUnderItsOpenAiNameWithMaxTokensForACompatibleServer() {
        loopback.enqueueJson(200, Payloads.COMPLETION);
        ChatRequest request = QUESTION.withOptions(GenerationOptions.defaults()
                .withTemperature(0.2).withTopP(0.9).withMaxOutputTokens(64)
                .withStop(List.of("\n\n", "END")).withSeed(42));

        loopback.provider().model("llama3:8b").chat(request);

        JsonNode sent = sentJson();
        ObjectNode expected = base("llama3:8b");
        expected.put("temperature", 0.2).put("top_p", 0.9).put("max_tokens", 64).put("seed", 42);
        expected.putArray("stop").add("\n\n").add("END");
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void sendsMaxCompletionTokensWhenTheProviderIsConfiguredForIt() {
        loopback.enqueueJson(200, Payloads.COMPLETION);
        ChatRequest request = QUESTION.withOptions(GenerationOptions.defaults().withMaxOutputTokens(128));

        loopback.provider(settings -> settings.tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS))
                .model("gpt-4o-mini").chat(request);

        JsonNode sent = sentJson();
        assertThat(sent.get("max_completion_tokens").asInt()).isEqualTo(128);
        assertThat(sent.has("max_tokens")).as("max_tokens sent as well").isFalse();
    }

    @Test
    void sendsStructuredOutputAsAStrictJsonSchemaResponseFormatGeneratedFromTheRecord() {
        loopback.enqueueJson(200, Payloads.COMPLETION_JSON_SCHEMA);
        ResponseFormat format = ResponseFormat.of(Location.class);

        loopback.provider().model("gpt-4o-2024-08-06").chat(QUESTION.withResponseFormat(format));

        JsonNode sent = sentJson();
        ObjectNode expected = base("gpt-4o-2024-08-06");
        ObjectNode jsonSchema = expected.putObject("response_format").put("type", "json_schema")
                .putObject("json_schema");
        jsonSchema.put("name", "Location");
        jsonSchema.set("schema", Payloads.tree(format.jsonSchema()));
        jsonSchema.put("strict", true);
        assertThat(sent).isEqualTo(expected);
        assertThat(sent.at("/response_format/json_schema/schema/required"))
                .containsExactly(Payloads.JSON.getNodeFactory().textNode("city"),
                        Payloads.JSON.getNodeFactory().textNode("temperature"),
                        Payloads.JSON.getNodeFactory().textNode("units"));
    }

    @Test
    void sendsStreamTrueWithIncludeUsageAndTheStructuredFormatTogether() {
        loopback.enqueue(200, "text/event-stream", Payloads.STREAM_BASIC);

        loopback.provider().model("gpt-4o-mini")
                .chat(QUESTION.withResponseFormat(ResponseFormat.of(Location.class)).withStream(true));

        JsonNode sent = sentJson();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.get("stream_options")).isEqualTo(Payloads.tree("{\"include_usage\":true}"));
        assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
    }

    @Test
    void keepsTheModelIdWholeOnTheWireAndInTheAnswer() {
        loopback.enqueueJson(200, Payloads.COMPLETION);

        ChatResponse response = loopback.provider().model("llama3:8b").chat(QUESTION);

        assertThat(sentJson().get("model").asText()).isEqualTo("llama3:8b");
        assertThat(response.model()).isEqualTo(ModelRef.of("local", "llama3:8b"));
    }

    @Test
    void sendsJsonWithTheBearerKeyOnceAndNoAuthorizationWithoutAKey() throws Exception {
        loopback.enqueueJson(200, Payloads.COMPLETION);
        loopback.enqueueJson(200, Payloads.COMPLETION);
        OpenAiSettings keyless = OpenAiSettings.builder().providerName("ollama").baseUrl(loopback.baseUrl()).build();

        loopback.provider().model("m").chat(QUESTION);
        try (OpenAiProvider withoutKey = OpenAiProvider.create(keyless)) {
            withoutKey.model("m").chat(QUESTION);
        }

        RecordedRequest withKey = loopback.takeRequest();
        assertThat(withKey.getHeaders().values("Authorization")).containsExactly("Bearer " + LoopbackProvider.KEY.reveal());
        assertThat(withKey.getHeaders().get("Content-Type")).startsWith("application/json");
        RecordedRequest noKey = loopback.takeRequest();
        assertThat(noKey.getHeaders().values("Authorization")).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsRequestsOpenAiWouldRefuse() {
        assertThat(RequestSchema.violations("{\"model\":\"gpt-4o\",\"messages\":[]}")).isNotEmpty();
        assertThat(RequestSchema.violations("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}"))
                .isNotEmpty();
        assertThat(RequestSchema.violations("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream_options\":{\"include_usage\":\"yes\"}}")).isNotEmpty();
        assertThat(RequestSchema.violations("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"temperature\":null}")).as("nullable temperature").isEmpty();
    }

    private JsonNode sentJson() {
        String json = LoopbackProvider.body(loopback.takeRequest());
        RequestSchema.assertValid(json);
        return Payloads.tree(json);
    }

    private static ObjectNode base(String model) {
        ObjectNode expected = Payloads.JSON.createObjectNode().put("model", model);
        expected.putArray("messages")
                .add(message("system", "You are terse."))
                .add(message("user", "Count to two."))
                .add(message("assistant", "One."))
                .add(message("user", "Go on."));
        return expected;
    }

    private static JsonNode message(String role, String content) {
        return Payloads.JSON.createObjectNode().put("role", role).put("content", content);
    }
}
