package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.content;
import static dev.detour.simulator.SimulatorClient.events;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.openAi;
import static dev.detour.simulator.SimulatorClient.streamingChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiWireFormatTest {

    private final ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("plain").build());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void answersAPlainChatWithACompletionThatSaysItIsSimulatedAndQuotesThePrompt() {
        HttpResponse<String> response = openAi(simulator, chat("gpt-4o-mini", "Why do routers fail over?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = json(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("choices").path(0).path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(content(response))
                .startsWith("[simulated by gpt-4o-mini] ")
                .contains("Why do routers fail over?");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isPositive();
        assertThat(usage.path("completion_tokens").asInt()).isPositive();
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    }

    @Test
    void givesTheSameAnswerToTheSamePromptAndAnotherToAnotherPrompt() {
        String first = content(openAi(simulator, chat("gpt-4o-mini", "What is a circuit breaker?")));
        String again = content(openAi(simulator, chat("gpt-4o-mini", "What is a circuit breaker?")));
        String other = content(openAi(simulator, chat("gpt-4o-mini", "What is a retry budget?")));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void sendsAUniqueRequestIdWithEveryAnswer() {
        String first = openAi(simulator, chat("gpt-4o-mini", "a")).headers().firstValue("x-request-id").orElseThrow();
        String second = openAi(simulator, chat("gpt-4o-mini", "a")).headers().firstValue("x-request-id").orElseThrow();

        assertThat(first).startsWith("sim-");
        assertThat(second).startsWith("sim-").isNotEqualTo(first);
    }

    @Test
    void streamsDataEventsThenAFinishChunkThenAUsageChunkThenDoneWhenUsageIsAskedFor() {
        HttpResponse<String> response = openAi(simulator, streamingChat("gpt-4o-mini", "Stream this, please.", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        assertThat(events).allSatisfy(event -> assertThat(event).startsWith("data: ").doesNotContain("\n"));
        assertThat(events.getLast()).isEqualTo("data: [DONE]");

        JsonNode first = json(events.getFirst().substring(6));
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");

        JsonNode usage = json(events.get(events.size() - 2).substring(6));
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isPositive();

        JsonNode finish = json(events.get(events.size() - 3).substring(6));
        assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");

        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 3)) {
            JsonNode chunk = json(event.substring(6));
            assertThat(chunk.path("choices").path(0).path("finish_reason").isNull()).isTrue();
            text.append(chunk.path("choices").path(0).path("delta").path("content").asText());
        }
        assertThat(text.toString()).isEqualTo(content(openAi(simulator, chat("gpt-4o-mini", "Stream this, please."))));
    }

    @Test
    void leavesTheUsageChunkOutWhenTheStreamDidNotAskForIt() {
        List<String> events = events(openAi(simulator, streamingChat("gpt-4o-mini", "No usage.", false)).body());

        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        assertThat(json(events.get(events.size() - 2).substring(6)).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
        assertThat(events.subList(0, events.size() - 1))
                .noneSatisfy(event -> assertThat(json(event.substring(6)).has("usage")).isTrue());
    }

    @Test
    void answersJsonObjectRequestsWithAJsonObject() {
        String request = json(chat("gpt-4o-mini", "Give JSON.")).deepCopy().toString()
                .replaceFirst("\\{", "{\"response_format\":{\"type\":\"json_object\"},");

        JsonNode answer = json(content(openAi(simulator, request)));

        assertThat(answer.path("answer").asText()).startsWith("[simulated by gpt-4o-mini]");
    }
}
