package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.chatUrl;
import static dev.detour.simulator.SimulatorClient.content;
import static dev.detour.simulator.SimulatorClient.events;
import static dev.detour.simulator.SimulatorClient.failingPost;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.openAi;
import static dev.detour.simulator.SimulatorClient.router;
import static dev.detour.simulator.SimulatorClient.routerChatUrl;
import static dev.detour.simulator.SimulatorClient.streamingChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourTest {

    private static final String MODEL = "Qwen/Qwen2.5-72B-Instruct";

    private static ProviderSimulator simulating(Behaviour behaviour) {
        return ProviderSimulator.start(Scenario.builder("one behaviour")
                .model("hf:" + MODEL, m -> m.servedBy("novita").always(behaviour))
                .model("openai:gpt-4o-mini", m -> m.always(behaviour))
                .build());
    }

    @Test
    void answersAStatusWithABundledRealPayloadAndScriptedHeaders() {
        Behaviour creditsGone = Behaviour.payload(402, "hf-router-error-402-credits-exhausted.json")
                .withHeader("Retry-After", "1");
        try (ProviderSimulator simulator = simulating(creditsGone)) {
            HttpResponse<String> response = router(simulator, chat(MODEL, "hi"));

            assertThat(response.statusCode()).isEqualTo(402);
            assertThat(response.body()).isEqualTo(Payloads.read("hf-router-error-402-credits-exhausted.json"));
            assertThat(json(response.body()).path("error").asText()).startsWith("You have exceeded your monthly included credits");
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            assertThat(response.headers().firstValue("x-inference-provider")).hasValue("novita");
            assertThat(response.headers().firstValue("x-request-id")).isPresent();
        }
    }

    @Test
    void sendsAPlainTextBodyAsPlainText() {
        try (ProviderSimulator simulator = simulating(Behaviour.status(422, "Failed to deserialize the JSON body"))) {
            HttpResponse<String> response = router(simulator, chat(MODEL, "hi"));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.body()).isEqualTo("Failed to deserialize the JSON body");
        }
    }

    @Test
    void answersOnlyAfterTheScriptedLatency() {
        try (ProviderSimulator simulator = simulating(Behaviour.ok().withLatency(Duration.ofMillis(150)))) {
            long started = System.nanoTime();
            HttpResponse<String> response = router(simulator, chat(MODEL, "hi"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void endsWithTheScriptedFinishReason() {
        try (ProviderSimulator simulator = simulating(Behaviour.okEndingWith("content_filter"))) {
            HttpResponse<String> response = openAi(simulator, chat("gpt-4o-mini", "hi"));

            assertThat(json(response.body()).path("choices").path(0).path("finish_reason").asText()).isEqualTo("content_filter");
        }
    }

    @Test
    void answersAnHtmlGatewayPageWithoutNamingAnInferenceProvider() {
        try (ProviderSimulator simulator = simulating(Behaviour.htmlPage(502))) {
            HttpResponse<String> response = router(simulator, chat(MODEL, "hi"));

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).startsWith("<html>").contains("<title>502 Bad Gateway</title>");
            assertThat(response.headers().firstValue("x-inference-provider")).isEmpty();
        }
    }

    @Test
    void answers200WithJsonThatDoesNotParse() {
        try (ProviderSimulator simulator = simulating(Behaviour.malformedJson())) {
            HttpResponse<String> response = openAi(simulator, chat("gpt-4o-mini", "hi"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.body()).startsWith("{\"id\":");
            assertThatThrownBy(() -> SimulatorClient.JSON.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void dropsTheConnectionHalfWayThroughTheBody() {
        try (ProviderSimulator simulator = simulating(Behaviour.disconnect())) {
            RawHttp raw = RawHttp.post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "hi"));

            assertThat(raw.head()).startsWith("HTTP/1.1 200");
            int promised = Integer.parseInt(raw.header("Content-Length"));
            assertThat(raw.body().length).isPositive().isEqualTo(promised / 2);
            assertThat(failingPost(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "hi"))).isNotNull();
        }
    }

    @Test
    void dropsTheConnectionAfterTheScriptedNumberOfBytes() {
        try (ProviderSimulator simulator = simulating(Behaviour.disconnectAfter(10))) {
            RawHttp raw = RawHttp.post(routerChatUrl(simulator), chat(MODEL, "hi"));

            assertThat(raw.body()).hasSize(10);
        }
    }

    @Test
    void dropsTheConnectionBeforeAnyResponse() {
        try (ProviderSimulator simulator = simulating(Behaviour.disconnectBeforeHeaders())) {
            RawHttp raw = RawHttp.post(routerChatUrl(simulator), chat(MODEL, "hi"));

            assertThat(raw.head()).isEmpty();
            assertThat(failingPost(routerChatUrl(simulator), chat(MODEL, "hi"))).isNotNull();
        }
    }

    @Test
    void dripsTheAnswerInSmallChunksThatAddUpToTheNormalAnswer() {
        try (ProviderSimulator simulator = simulating(Behaviour.slowDrip(7, Duration.ofMillis(2)))) {
            RawHttp raw = RawHttp.post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "drip"));

            assertThat(raw.isChunked()).isTrue();
            List<Integer> chunks = raw.chunkSizes();
            assertThat(chunks).hasSizeGreaterThan(10).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(7));
            assertThat(json(raw.decodedBody()).path("choices").path(0).path("message").path("content").asText())
                    .startsWith("[simulated by gpt-4o-mini]").contains("drip");
        }
    }

    @Test
    void dripsAStreamToo() {
        try (ProviderSimulator simulator = simulating(Behaviour.slowDrip(64, Duration.ZERO))) {
            HttpResponse<String> response = openAi(simulator, streamingChat("gpt-4o-mini", "drip", true));

            assertThat(events(response.body()).getLast()).isEqualTo("data: [DONE]");
        }
    }

    @Test
    void cutsAStreamAfterTheScriptedEventsWithNoFinishReasonAndNoDone() {
        try (ProviderSimulator simulator = simulating(Behaviour.streamCut(2))) {
            RawHttp raw = RawHttp.post(chatUrl(simulator.openAiBaseUrl()), streamingChat("gpt-4o-mini", "cut me", true));

            assertThat(raw.chunkedBodyIsComplete()).isTrue();
            List<String> events = events(raw.decodedBody());
            assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event).startsWith("data: {"));
            assertThat(events).allSatisfy(event ->
                    assertThat(json(event.substring(6)).path("choices").path(0).path("finish_reason").isNull()).isTrue());
        }
    }

    @Test
    void cutsAStreamAbruptlyByDroppingTheConnection() {
        try (ProviderSimulator simulator = simulating(Behaviour.streamCutAbruptly(1))) {
            RawHttp raw = RawHttp.post(chatUrl(simulator.openAiBaseUrl()), streamingChat("gpt-4o-mini", "cut", false));

            assertThat(raw.chunkedBodyIsComplete()).isFalse();
            assertThat(raw.decodedBody()).startsWith("data: {").doesNotContain("[DONE]");
            assertThat(failingPost(chatUrl(simulator.openAiBaseUrl()), streamingChat("gpt-4o-mini", "cut", false))).isNotNull();
        }
    }

    @Test
    void sendsAnErrorObjectAsADataEventInsideA200Stream() {
        String error = "{\"error\":\"Model too busy\",\"error_type\":\"overloaded\"}";
        try (ProviderSimulator simulator = simulating(Behaviour.streamError(1, error))) {
            HttpResponse<String> response = router(simulator, streamingChat(MODEL, "hi", false));

            assertThat(response.statusCode()).isEqualTo(200);
            List<String> events = events(response.body());
            assertThat(events).hasSize(2);
            assertThat(events.getLast()).isEqualTo("data: " + error);
        }
    }

    @Test
    void sendsABodyOfExactlyTheScriptedSizeThatIsStillValidJson() {
        try (ProviderSimulator simulator = simulating(Behaviour.oversized(64 * 1024))) {
            HttpResponse<String> response = openAi(simulator, chat("gpt-4o-mini", "big"));

            assertThat(response.headers().firstValue("content-length")).hasValue(String.valueOf(64 * 1024));
            assertThat(response.body()).hasSize(64 * 1024);
            assertThat(content(response)).matches("x+");
        }
    }

    @Test
    void defaultsAnOversizedBodyToMoreThanTheAdaptersEightMebibyteCap() {
        assertThat(Oversized.DEFAULT_BYTES).isGreaterThan(8L * 1024 * 1024);
    }

    @Test
    void letsAScriptedHeaderReplaceTheSimulatorsOwn() {
        try (ProviderSimulator simulator = simulating(Behaviour.ok().withHeader("x-inference-provider", "groq"))) {
            assertThat(router(simulator, chat(MODEL, "hi")).headers().allValues("x-inference-provider")).containsExactly("groq");
        }
    }

    @Test
    void namesNoInferenceProviderOnTheOpenAiSurface() {
        try (ProviderSimulator simulator = simulating(Behaviour.ok())) {
            assertThat(openAi(simulator, chat("gpt-4o-mini", "hi")).headers().firstValue("x-inference-provider")).isEmpty();
        }
    }

    @Test
    void refusesFramingHeadersInAScript() {
        assertThatThrownBy(() -> Behaviour.ok().withHeader("Content-Length", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content-Length is set by the simulator");
        assertThatThrownBy(() -> Behaviour.ok().withHeader("X-Bad", "a\r\nb"))
                .hasMessageContaining("must be on one line");
    }

    @Test
    void refusesAStatusThatIsNotOne() {
        assertThatThrownBy(() -> Behaviour.status(99, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status 99 is not an HTTP status; use one from 200 to 599");
    }

    @Test
    void refusesAnUnknownBundledPayloadListingTheBundledOnes() {
        assertThatThrownBy(() -> Behaviour.payload(500, "nope.json"))
                .hasMessageStartingWith("\"nope.json\" is not a bundled payload; bundled payloads: hf-router-error-401");
    }

    @Test
    void answersStructuredRequestsWithAnInstanceOfTheirSchemaEvenWhenDripping() {
        String schema = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}";
        try (ProviderSimulator simulator = simulating(Behaviour.slowDrip(32, Duration.ZERO))) {
            String answer = content(openAi(simulator, SimulatorClient.structuredChat("gpt-4o-mini", "count", schema)));

            assertThat(json(answer).path("n").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void answersUnscriptedModelsNormally() {
        try (ProviderSimulator simulator = simulating(Behaviour.status(500, "{}"))) {
            assertThat(router(simulator, chat("someone/unknown-model", "hi")).statusCode()).isEqualTo(200);
            assertThat(openAi(simulator, chat("gpt-4.1", "hi")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void usesASurfacesWildcardForModelsItDoesNotName() {
        Scenario scenario = Scenario.builder("wild")
                .model("hf:*", m -> m.always(Behaviour.status(500, "{\"error\":\"down\"}")))
                .build();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            assertThat(router(simulator, chat("any/model", "hi")).statusCode()).isEqualTo(500);
            assertThat(openAi(simulator, chat("gpt-4o-mini", "hi")).statusCode()).isEqualTo(200);
        }
    }
}
