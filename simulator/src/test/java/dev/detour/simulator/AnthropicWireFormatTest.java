package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.events;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's Anthropic surface: the Messages API's body, its named stream events, its forced tool, its 529. */
class AnthropicWireFormatTest {

    private static final String CLAUDE = "claude-sonnet-4-5";
    private static final String VERDICT_SCHEMA = "{\"type\":\"object\",\"properties\":{\"sufficient\":{\"type\":\"boolean\"},"
            + "\"gaps\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"sufficient\",\"gaps\"],"
            + "\"additionalProperties\":false}";

    private ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("plain").build());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void answersAMessageWithOneTextBlockThatSaysItIsSimulatedAndQuotesThePrompt() {
        HttpResponse<String> response = messages(request("Why do tides happen?"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = json(response.body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("model").asText()).isEqualTo(CLAUDE);
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.path("content")).hasSize(1);
        assertThat(message.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(message.at("/content/0/text").asText()).startsWith("[simulated by " + CLAUDE + "] ")
                .contains("Why do tides happen?");
        assertThat(message.at("/usage/input_tokens").asInt()).isPositive();
        assertThat(message.at("/usage/output_tokens").asInt()).isPositive();
        assertThat(simulator.requestCount("anthropic:" + CLAUDE)).isEqualTo(1);
    }

    @Test
    void streamsTheNamedEventsOfTheMessagesApiWhoseTextDeltasMakeTheSameAnswer() {
        String plain = json(messages(request("Stream this.")).body()).at("/content/0/text").asText();

        HttpResponse<String> response = messages(request("Stream this.").put("stream", true));

        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        List<String> names = events.stream().map(event -> event.substring("event: ".length(), event.indexOf('\n'))).toList();
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(names.subList(names.size() - 3, names.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(events).allSatisfy(event -> assertThat(json(data(event)).path("type").asText())
                .isEqualTo(event.substring("event: ".length(), event.indexOf('\n'))));
        StringBuilder text = new StringBuilder();
        events.stream().filter(event -> event.startsWith("event: content_block_delta"))
                .forEach(event -> text.append(json(data(event)).at("/delta/text").asText()));
        assertThat(text.toString()).isEqualTo(plain);
        assertThat(json(data(events.get(events.size() - 2))).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void answersAForcedToolWithAToolUseBlockWhoseInputFollowsTheSchema() {
        HttpResponse<String> response = messages(forcedTool("Is that enough?"));

        JsonNode message = json(response.body());
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/name").asText()).isEqualTo("Verdict");
        assertThat(message.at("/content/0/input/sufficient").asBoolean()).isTrue();
        assertThat(message.at("/content/0/input/gaps").isArray()).isTrue();
    }

    @Test
    void streamsAForcedToolsInputAsInputJsonDeltas() {
        JsonNode input = json(messages(forcedTool("Is that enough?")).body()).at("/content/0/input");

        List<String> events = events(messages(forcedTool("Is that enough?").put("stream", true)).body());

        StringBuilder partial = new StringBuilder();
        events.stream().filter(event -> event.startsWith("event: content_block_delta")).map(event -> json(data(event)))
                .forEach(delta -> {
                    assertThat(delta.at("/delta/type").asText()).isEqualTo("input_json_delta");
                    partial.append(delta.at("/delta/partial_json").asText());
                });
        assertThat(json(partial.toString())).isEqualTo(input);
    }

    @Test
    void writesFinishReasonsInAnthropicsWords() {
        simulator.close();
        simulator = ProviderSimulator.start(Scenario.builder("cut").model("anthropic:" + CLAUDE,
                model -> model.sequence(Behaviour.okEndingWith("length"), Behaviour.okEndingWith("content_filter"))).build());

        assertThat(json(messages(request("a")).body()).path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(json(messages(request("a")).body()).path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void answers529OverloadedWhenAScenarioFileSaysSo(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("claude-overloaded.yaml");
        Files.writeString(file, """
                models:
                  "anthropic:claude-sonnet-4-5":
                    behaviours:
                      - status: 529
                        body-file: anthropic-error-529-overloaded.json
                      - ok
                """);
        simulator.close();
        simulator = ProviderSimulator.start(Scenario.load(file));

        HttpResponse<String> overloaded = messages(request("a"));
        HttpResponse<String> then = messages(request("a"));

        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(json(overloaded.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(then.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesARequestWithoutMessagesInAnthropicsErrorShape() {
        HttpResponse<String> response = messages(SimulatorClient.JSON.createObjectNode().put("model", CLAUDE));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).contains("messages");
    }

    private HttpResponse<String> messages(ObjectNode body) {
        return post(URI.create(simulator.anthropicBaseUrl() + "/v1/messages"), body.toString(),
                "x-api-key", "sk-ant-simulated", "anthropic-version", "2023-06-01");
    }

    private static ObjectNode request(String prompt) {
        ObjectNode request = SimulatorClient.JSON.createObjectNode().put("model", CLAUDE).put("max_tokens", 256)
                .put("system", "Be brief.");
        request.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return request;
    }

    private static ObjectNode forcedTool(String prompt) {
        ObjectNode request = request(prompt);
        request.putArray("tools").addObject().put("name", "Verdict").set("input_schema", json(VERDICT_SCHEMA));
        request.putObject("tool_choice").put("type", "tool").put("name", "Verdict");
        return request;
    }

    private static String data(String event) {
        return event.substring(event.indexOf("\ndata: ") + "\ndata: ".length());
    }
}
