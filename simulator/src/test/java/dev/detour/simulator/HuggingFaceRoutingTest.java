package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.content;
import static dev.detour.simulator.SimulatorClient.post;
import static dev.detour.simulator.SimulatorClient.router;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HuggingFaceRoutingTest {

    private final ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("routing")
            .model("hf:Qwen/Qwen2.5-72B-Instruct", m -> m.servedBy("novita").always(Behaviour.ok()))
            .model("hf:Qwen/Qwen2.5-72B-Instruct:together", m -> m.always(Behaviour.status(503, "{\"error\":\"busy\"}")))
            .build());

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void namesHfInferenceAsTheServerOfAModelThatPinsNoProviderAndHasNoServedBy() {
        HttpResponse<String> response = router(simulator, chat("Qwen/Qwen2.5-7B-Instruct", "hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-inference-provider")).hasValue("hf-inference");
        assertThat(content(response)).startsWith("[simulated by Qwen/Qwen2.5-7B-Instruct via hf-inference] ");
    }

    @Test
    void namesTheScenariosServedByProviderWhenTheRequestPinsNone() {
        HttpResponse<String> response = router(simulator, chat("Qwen/Qwen2.5-72B-Instruct", "hello"));

        assertThat(response.headers().firstValue("x-inference-provider")).hasValue("novita");
        assertThat(content(response)).startsWith("[simulated by Qwen/Qwen2.5-72B-Instruct via novita] ");
    }

    @Test
    void namesThePinnedProviderOfASuffixSplitOnTheLastColon() {
        HttpResponse<String> response = router(simulator, chat("meta-llama/Llama-3.1-8B-Instruct:hyperbolic", "hi"));

        assertThat(response.headers().firstValue("x-inference-provider")).hasValue("hyperbolic");
        assertThat(simulator.requests().getLast().model()).isEqualTo("hf:meta-llama/Llama-3.1-8B-Instruct:hyperbolic");
    }

    @Test
    void treatsAPolicySuffixAsPinningNoProvider() {
        HttpResponse<String> response = router(simulator, chat("Qwen/Qwen2.5-72B-Instruct:fastest", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-inference-provider")).hasValue("novita");
    }

    @Test
    void appliesARouteSpecificRuleBeforeTheModelsRule() {
        HttpResponse<String> pinned = router(simulator, chat("Qwen/Qwen2.5-72B-Instruct:together", "hi"));
        HttpResponse<String> unpinned = router(simulator, chat("Qwen/Qwen2.5-72B-Instruct", "hi"));

        assertThat(pinned.statusCode()).isEqualTo(503);
        assertThat(pinned.headers().firstValue("x-inference-provider")).hasValue("together");
        assertThat(unpinned.statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheLegacyPerProviderPathWithTheProviderAsTheRoute() {
        URI novita = URI.create(simulator.huggingFaceBaseUrl() + "/novita/v3/openai/chat/completions");

        HttpResponse<String> response = post(novita, chat("Qwen/Qwen2.5-72B-Instruct", "legacy"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-inference-provider")).hasValue("novita");
        assertThat(simulator.requests().getLast().model()).isEqualTo("hf:Qwen/Qwen2.5-72B-Instruct:novita");
        assertThat(simulator.requests().getLast().path()).isEqualTo("/hf/novita/v3/openai/chat/completions");
    }

    @Test
    void takesTheModelOfTheLegacyHfInferencePathFromThePath() {
        URI hfInference = URI.create(simulator.huggingFaceBaseUrl()
                + "/hf-inference/models/Qwen/Qwen2.5-7B-Instruct/v1/chat/completions");

        HttpResponse<String> response = post(hfInference, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-inference-provider")).hasValue("hf-inference");
        assertThat(simulator.requests().getLast().model()).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct:hf-inference");
    }

    @Test
    void appliesARouteSpecificRuleToTheLegacyPathOfThatProvider() {
        URI together = URI.create(simulator.huggingFaceBaseUrl() + "/together/v1/chat/completions");

        assertThat(post(together, chat("Qwen/Qwen2.5-72B-Instruct", "hi")).statusCode()).isEqualTo(503);
    }

    @Test
    void findsTheRequestsOfAModelAcrossItsRoutesOrOfOneRoute() {
        router(simulator, chat("Qwen/Qwen2.5-72B-Instruct", "a"));
        router(simulator, chat("Qwen/Qwen2.5-72B-Instruct:together", "b"));
        post(URI.create(simulator.huggingFaceBaseUrl() + "/novita/v3/openai/chat/completions"),
                chat("Qwen/Qwen2.5-72B-Instruct", "c"));
        router(simulator, chat("Qwen/Qwen2.5-7B-Instruct", "d"));

        assertThat(simulator.requestsFor("hf:Qwen/Qwen2.5-72B-Instruct")).hasSize(3);
        assertThat(simulator.requestsFor("hf:Qwen/Qwen2.5-72B-Instruct:novita")).hasSize(1);
        assertThat(simulator.requestsFor("hf:*")).hasSize(4);
        assertThat(simulator.requestsFor("openai:*")).isEmpty();
        assertThat(simulator.requestCount("hf:Qwen/Qwen2.5-72B-Instruct")).isEqualTo(3);
    }

    @Test
    void keepsTheOpenAiAndRouterSurfacesApart() {
        Scenario scenario = Scenario.builder("apart")
                .model("openai:Qwen/Qwen2.5-7B-Instruct", m -> m.always(Behaviour.status(500, "{}")))
                .build();
        try (ProviderSimulator separate = ProviderSimulator.start(scenario)) {
            assertThat(router(separate, chat("Qwen/Qwen2.5-7B-Instruct", "hi")).statusCode()).isEqualTo(200);
            assertThat(SimulatorClient.openAi(separate, chat("Qwen/Qwen2.5-7B-Instruct", "hi")).statusCode()).isEqualTo(500);
        }
    }
}
