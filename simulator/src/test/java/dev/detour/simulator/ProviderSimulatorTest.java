package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.chatUrl;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.post;
import static dev.detour.simulator.SimulatorClient.routerChatUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProviderSimulatorTest {

    @Test
    void listensOnTheLoopbackAddressWithBaseUrlsForBothSurfaces() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("urls").build())) {
            URI openAi = simulator.openAiBaseUrl();
            URI huggingFace = simulator.huggingFaceBaseUrl();

            assertThat(openAi.getHost()).isEqualTo("127.0.0.1");
            assertThat(openAi.getPort()).isPositive();
            assertThat(openAi.getPath()).isEqualTo("/openai/v1");
            assertThat(huggingFace.getPort()).isEqualTo(openAi.getPort());
            assertThat(huggingFace.getPath()).isEqualTo("/hf");
            assertThat(post(chatUrl(openAi), chat("gpt-4o-mini", "hi")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void runsSeveralSimulatorsSideBySideOnTheirOwnPorts() {
        try (ProviderSimulator one = ProviderSimulator.start(Scenario.builder("one").build());
                ProviderSimulator two = ProviderSimulator.start(Scenario.builder("two").build())) {
            assertThat(one.openAiBaseUrl().getPort()).isNotEqualTo(two.openAiBaseUrl().getPort());
        }
    }

    @Test
    void answers404NamingTheEndpointsItServesForAnyOtherPath() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("paths").build())) {
            HttpResponse<String> response = post(URI.create(simulator.openAiBaseUrl() + "/completions"), "{}");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response.body()).path("error").asText())
                    .contains("/openai/v1/chat/completions", "/hf/v1/chat/completions", "/hf/<provider>/…/chat/completions");
        }
    }

    @Test
    void answers405ToAnythingButPost() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("get").build())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(chatUrl(simulator.openAiBaseUrl())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("allow")).hasValue("POST");
        }
    }

    @Test
    void answers400InOpenAisErrorShapeToABodyThatIsNotJson() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("bad").build())) {
            HttpResponse<String> response = post(chatUrl(simulator.openAiBaseUrl()), "{not json");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(json(response.body()).path("error").path("message").asText()).startsWith("the request body is not valid JSON");
        }
    }

    @Test
    void answers400InTheRoutersErrorShapeToARequestWithoutAModel() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("no model").build())) {
            HttpResponse<String> response = post(routerChatUrl(simulator),
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body()).path("error").asText()).isEqualTo("'model' is required");
        }
    }

    @Test
    void answers400ToARequestWithoutMessages() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("no messages").build())) {
            HttpResponse<String> response = post(routerChatUrl(simulator), "{\"model\":\"a/b\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body()).path("error").asText()).contains("'messages'");
        }
    }

    @Test
    void refusesConnectionsOnceClosed() {
        ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("closed").build());
        URI url = chatUrl(simulator.openAiBaseUrl());
        simulator.close();

        assertThatThrownBy(() -> post(url, chat("gpt-4o-mini", "hi"))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void closesPromptlyWhileARequestIsStillWaitingOutItsLatency() throws Exception {
        Scenario slow = Scenario.builder("slow")
                .model("openai:gpt-4o-mini", m -> m.always(Behaviour.ok().withLatency(Duration.ofSeconds(30))))
                .build();
        ProviderSimulator simulator = ProviderSimulator.start(slow);
        CompletableFuture<Throwable> inFlight = CompletableFuture.supplyAsync(
                () -> SimulatorClient.failingPost(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "hi")));
        while (simulator.requestCount() == 0) {
            Thread.sleep(5);
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            simulator.close();
            assertThat(inFlight.get()).isNotNull();
        });
    }
}
