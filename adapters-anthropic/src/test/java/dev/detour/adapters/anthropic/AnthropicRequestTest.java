package dev.detour.adapters.anthropic;

import static dev.detour.adapters.anthropic.AnthropicConformanceTest.JSON;
import static dev.detour.adapters.anthropic.AnthropicConformanceTest.TEXT_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the adapter puts on the wire: path, headers and the Messages API body. */
class AnthropicRequestTest {

    private static final Secret KEY = Secret.of("sk-ant-api03-fake-request-test-key");

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void postsToV1MessagesBelowTheBaseUrlWithTheVersionHeaderAndTheKeyOnlyAsXApiKey() throws Exception {
        loopback.enqueue(200, "application/json", TEXT_MESSAGE);

        loopback.port("/gateway/anthropic", Optional.of(KEY), Clock.systemUTC()).chat(ChatRequest.of(ChatMessage.user("Hi")));

        RecordedRequest recorded = loopback.takeRequest();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/gateway/anthropic/v1/messages");
        assertThat(recorded.getHeaders().values("anthropic-version")).containsExactly("2023-06-01");
        assertThat(recorded.getHeaders().values("x-api-key")).containsExactly(KEY.reveal());
        assertThat(recorded.getHeaders().values("Authorization")).isEmpty();
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void sendsNoKeyHeaderAtAllWhenNoKeyIsConfigured() throws Exception {
        loopback.enqueue(200, "application/json", TEXT_MESSAGE);

        loopback.port("/", Optional.empty(), Clock.systemUTC()).chat(ChatRequest.of(ChatMessage.user("Hi")));

        RecordedRequest recorded = loopback.takeRequest();
        assertThat(recorded.getHeaders().names()).doesNotContain("x-api-key", "Authorization");
    }

    @Test
    void joinsSystemMessagesIntoTopLevelSystemAndMapsEveryGenerationOption() throws Exception {
        loopback.enqueue(200, "application/json", TEXT_MESSAGE);
        ChatRequest request = ChatRequest.of(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Count."),
                        ChatMessage.assistant("One."), ChatMessage.system("Use words."), ChatMessage.user("Go on.")))
                .withOptions(GenerationOptions.defaults().withTemperature(1.5).withTopP(0.9).withMaxOutputTokens(300)
                        .withStop(List.of("three")).withSeed(7));

        loopback.port(KEY).chat(request);

        assertThat(body(loopback.takeRequest())).isEqualTo(JSON.readTree("""
                {"model":"claude-sonnet-4-5","max_tokens":300,"system":"Be brief.\\n\\nUse words.",
                 "messages":[{"role":"user","content":"Count."},{"role":"assistant","content":"One."},
                             {"role":"user","content":"Go on."}],
                 "temperature":1.0,"top_p":0.9,"stop_sequences":["three"]}"""));
    }

    @Test
    void asksForStructuredOutputWithOneForcedToolWhoseInputSchemaIsTheRecordsSchema() throws Exception {
        loopback.enqueue(200, "application/json", TEXT_MESSAGE);
        ResponseFormat format = ResponseFormat.of(Loopback.Weather.class);

        loopback.port(KEY).chat(ChatRequest.of(ChatMessage.user("Weather?")).withResponseFormat(format).withStream(true));

        JsonNode body = body(loopback.takeRequest());
        assertThat(body.path("tools")).hasSize(1);
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("Weather");
        assertThat(body.at("/tools/0/input_schema")).isEqualTo(JSON.readTree(format.jsonSchema()));
        assertThat(body.path("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"Weather\"}"));
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.has("system")).as("no system message, no system field").isFalse();
    }

    private static JsonNode body(RecordedRequest recorded) throws Exception {
        return JSON.readTree(recorded.getBody().string(StandardCharsets.UTF_8));
    }
}
