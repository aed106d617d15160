package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunStatus;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chain across three provider types through the real Guice graph and real adapters on loopback: OpenAI and
 * Hugging Face fail, the {@code anthropic} type (found on the class path like the others) serves, and each key
 * reaches only its own server, in its own header; and the same type against the provider simulator's Messages API.
 */
class AnthropicChainTest {

    private static final String OPENAI_KEY = "sk-proj-fake-chain-openai-key";
    private static final String HF_TOKEN = "hf_FakeChainTokenForHuggingFace";
    private static final String ANTHROPIC_KEY = "sk-ant-FakeChainKey";
    private static final String QWEN = "Qwen/Qwen2.5-72B-Instruct";
    private static final String CLAUDE = "claude-sonnet-4-5";
    private static final ChatRequest QUESTION = ChatRequest.of(ChatMessage.system("Be brief."),
            ChatMessage.user("Why do tides happen?"));

    private final List<RecordedRequest> openaiRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedRequest> hfRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedRequest> anthropicRequests = Collections.synchronizedList(new ArrayList<>());
    private MockWebServer openai;
    private MockWebServer hf;
    private MockWebServer anthropic;
    private Injector injector;

    @BeforeEach
    void startServers() throws IOException {
        openai = server(openaiRequests, body -> json(503, "{\"error\":{\"message\":\"The engine is currently overloaded\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        hf = server(hfRequests, body -> new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .addHeader("x-inference-provider", "novita").body("{\"error\":\"Internal Server Error\"}").build());
        anthropic = server(anthropicRequests, AnthropicChainTest::claudeAnswer);
    }

    @AfterEach
    void stop() {
        if (injector != null) {
            injector.getInstance(Providers.class).close();
        }
        openai.close();
        hf.close();
        anthropic.close();
    }

    @Test
    void fallsBackToTheAnthropicModelAndSendsEachKeyOnlyToItsOwnServerInItsOwnHeader() {
        ChatResponse response = chain().getInstance(ModelPort.class).chat(QUESTION);

        assertThat(response.model()).isEqualTo(ModelRef.of("claude", CLAUDE));
        assertThat(response.text()).isEqualTo("Answer from Claude.");
        assertThat(response.servedModel()).contains("claude-sonnet-4-5-20250929");
        assertThat(response.attempts()).extracting(Attempt::httpStatus)
                .containsExactly(OptionalInt.of(503), OptionalInt.of(500), OptionalInt.empty());

        assertThat(openaiRequests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + OPENAI_KEY);
            assertCarriesNone(request, HF_TOKEN, ANTHROPIC_KEY);
        });
        assertThat(hfRequests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + HF_TOKEN);
            assertCarriesNone(request, OPENAI_KEY, ANTHROPIC_KEY);
        });
        assertThat(anthropicRequests).hasSize(1).allSatisfy(request -> {
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
            assertThat(request.getHeaders().values("x-api-key")).containsExactly(ANTHROPIC_KEY);
            assertThat(request.getHeaders().values("Authorization")).isEmpty();
            assertThat(request.getHeaders().values("anthropic-version")).containsExactly("2023-06-01");
            assertCarriesNone(request, OPENAI_KEY, HF_TOKEN);
            assertThat(body(request)).contains("\"system\":\"Be brief.\"", "\"max_tokens\":");
        });
    }

    @Test
    void runsTheResearchWorkflowOnTheAnthropicModelWithItsPlanAndVerdictFromAForcedTool() {
        ResearchRun run = chain().getInstance(ResearchRunner.class).run("Why do tides happen twice a day?",
                RunOptions.defaults());

        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.report().complete()).isTrue();
        assertThat(run.report().markdown()).contains("| plan | claude:" + CLAUDE + " |");
        assertThat(anthropicRequests).extracting(AnthropicChainTest::body)
                .anySatisfy(body -> assertThat(body).contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"ResearchPlan\"}"))
                .anySatisfy(body -> assertThat(body).contains("\"name\":\"Verdict\""));
    }

    @Test
    void readsTheSimulatorsMessagesApiRetryingItsOverloaded529AndStreaming() {
        Scenario scenario = Scenario.builder("claude-overloaded").model("anthropic:" + CLAUDE, model -> model.sequence(
                Behaviour.payload(529, "anthropic-error-529-overloaded.json"), Behaviour.ok())).build();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            ModelRef claude = ModelRef.of("claude", CLAUDE);
            injector = Guice.createInjector(new DetourModule(new DetourConfig(Map.of("claude", new ProviderConfig("claude",
                    "anthropic", simulator.anthropicBaseUrl(), Optional.empty(), false, Map.of())), List.of(claude),
                    resilience(1), WorkflowConfig.defaults(), "test"), Environment.of(Map.of())));
            ModelPort models = injector.getInstance(ModelPort.class);
            List<String> deltas = Collections.synchronizedList(new ArrayList<>());

            ChatResponse retried = models.chat(QUESTION);
            ChatResponse streamed = models.chat(QUESTION.withStream(true), CallContext.none().withStreamListener(deltas::add));
            ResearchRun run = injector.getInstance(ResearchRunner.class).run("Why do tides happen?", RunOptions.defaults());

            assertThat(retried.attempts()).extracting(Attempt::httpStatus)
                    .containsExactly(OptionalInt.of(529), OptionalInt.empty());
            assertThat(retried.text()).startsWith("[simulated by " + CLAUDE + "]").contains("Why do tides happen?");
            assertThat(streamed.text()).isEqualTo(retried.text());
            assertThat(deltas).hasSizeGreaterThan(1);
            assertThat(String.join("", deltas)).isEqualTo(streamed.text());
            assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(simulator.requestCount("anthropic:" + CLAUDE)).isGreaterThan(4);
        }
    }

    private Injector chain() {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("openai", new ProviderConfig("openai", "openai", url(openai, "/v1"), Optional.of("OPENAI_API_KEY"),
                false, Map.of()));
        providers.put("hf", new ProviderConfig("hf", "huggingface", url(hf, "/"), Optional.of("HF_TOKEN"), false, Map.of()));
        providers.put("claude", new ProviderConfig("claude", "anthropic", url(anthropic, "/"),
                Optional.of("ANTHROPIC_API_KEY"), false, Map.of()));
        DetourConfig config = new DetourConfig(providers, List.of(ModelRef.of("openai", "gpt-4o-mini"),
                ModelRef.of("hf", QWEN), ModelRef.of("claude", CLAUDE)), resilience(0), WorkflowConfig.defaults(), "test");
        injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of(
                "OPENAI_API_KEY", OPENAI_KEY, "HF_TOKEN", HF_TOKEN, "ANTHROPIC_API_KEY", ANTHROPIC_KEY))));
        return injector;
    }

    private static ResilienceConfig resilience(int maxRetries) {
        return new ResilienceConfig(Duration.ofSeconds(5), maxRetries,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(10), Duration.ofMillis(40), 0.25),
                Duration.ofSeconds(2), new ResilienceConfig.CircuitBreakerConfig(100, Duration.ofMinutes(5)),
                Optional.empty());
    }

    /** A Messages API answer: the forced tool's input for a plan or a verdict, else a short text. */
    private static MockResponse claudeAnswer(String body) {
        String content;
        if (body.contains("\"name\":\"ResearchPlan\"")) {
            content = "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"ResearchPlan\",\"input\":{\"subQuestions\":"
                    + "[\"What causes tides?\",\"Why two a day?\",\"Where are they strongest?\"]}}";
        } else if (body.contains("\"name\":\"Verdict\"")) {
            content = "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Verdict\",\"input\":{\"sufficient\":true,"
                    + "\"gaps\":[],\"followUpQuestions\":[]}}";
        } else {
            content = "{\"type\":\"text\",\"text\":\"Answer from Claude.\"}";
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("request-id", "req_chain").body("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[" + content + "],\"stop_reason\":\""
                        + (content.contains("tool_use") ? "tool_use" : "end_turn") + "\",\"usage\":{\"input_tokens\":20,"
                        + "\"output_tokens\":10}}").build();
    }

    private static MockWebServer server(List<RecordedRequest> requests, Function<String, MockResponse> answer)
            throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer.apply(body(request));
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    private static void assertCarriesNone(RecordedRequest request, String... keys) {
        for (String key : keys) {
            assertThat(request.getHeaders().toString()).as("headers to " + request.getUrl()).doesNotContain(key);
            assertThat(body(request)).as("body to " + request.getUrl()).doesNotContain(key);
        }
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static URI url(MockWebServer server, String path) {
        String url = server.url(path).toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
}
