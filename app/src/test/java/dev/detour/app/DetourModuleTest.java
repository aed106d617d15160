package dev.detour.app;

import static dev.detour.app.testing.FakeProvider.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.InvalidRequestException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resilience chain through the real Guice graph, real adapters and real HTTP on loopback. */
class DetourModuleTest {

    private static final String HF_TOKEN = "hf_FakeDetourModuleToken";
    private static final String OPENAI_KEY = "sk-fake-detour-module-key";
    private static final String QWEN_72B = "Qwen/Qwen2.5-72B-Instruct";
    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";
    private static final String GPT = "gpt-4o-mini";
    private static final ChatRequest QUESTION = ChatRequest.of(ChatMessage.user("Why do tides happen?"));

    private FakeProvider hf;
    private FakeProvider openai;
    private Injector injector;

    @BeforeEach
    void startProviders() throws IOException {
        hf = new FakeProvider("hf-inference");
        openai = new FakeProvider(null);
    }

    @AfterEach
    void stop() throws IOException {
        if (injector != null) {
            injector.getInstance(Providers.class).close();
        }
        hf.close();
        openai.close();
    }

    private DetourConfig config(int maxRetries, int failureThreshold) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("hf", new ProviderConfig("hf", "huggingface", hf.url("/"), Optional.of("HF_TOKEN"), false, Map.of()));
        providers.put("openai", new ProviderConfig("openai", "openai", openai.url("/v1"), Optional.of("OPENAI_API_KEY"),
                false, Map.of()));
        ResilienceConfig resilience = new ResilienceConfig(Duration.ofSeconds(5), maxRetries,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(10), Duration.ofMillis(40), 0.25),
                Duration.ofSeconds(2), new ResilienceConfig.CircuitBreakerConfig(failureThreshold, Duration.ofMinutes(5)),
                Optional.empty());
        return new DetourConfig(providers,
                List.of(ModelRef.of("hf", QWEN_72B), ModelRef.of("hf", QWEN_7B), ModelRef.of("openai", GPT)),
                resilience, WorkflowConfig.defaults(), "test");
    }

    private ModelPort chain(DetourConfig config) {
        injector = Guice.createInjector(new DetourModule(config,
                Environment.of(Map.of("HF_TOKEN", HF_TOKEN, "OPENAI_API_KEY", OPENAI_KEY))));
        return injector.getInstance(ModelPort.class);
    }

    private static MockResponse novita500() {
        return error(500, "{\"error\":\"Internal Server Error\"}").newBuilder()
                .addHeader("x-inference-provider", "novita").build();
    }

    @Test
    void fallsBackWhenThePrimaryAnswers500AndTheReportSaysSo() {
        hf.always(QWEN_72B, novita500());
        chain(config(2, 3));
        ResearchRunner research = injector.getInstance(ResearchRunner.class);

        ResearchRun run = research.run("Why do tides happen twice a day?", RunOptions.defaults());

        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.report().complete()).isTrue();
        assertThat(run.report().markdown())
                .contains("- `plan`: fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (HTTP 500 from novita, 3 attempts)"
                        + " to `hf:Qwen/Qwen2.5-7B-Instruct`")
                .contains("| plan | hf:Qwen/Qwen2.5-7B-Instruct | hf-inference |")
                .contains("fell back from `hf:Qwen/Qwen2.5-72B-Instruct` (circuit open) to `hf:Qwen/Qwen2.5-7B-Instruct`");
        assertThat(hf.requestsFor(QWEN_72B)).as("three tries open the breaker; nothing more is sent").isEqualTo(3);
    }

    @Test
    void waitsWhatRetryAfterAsksAndRetriesTheSameModel() {
        hf.script(QWEN_72B, error(429, "{\"error\":\"Too many requests\"}").newBuilder()
                .addHeader("Retry-After", "1").build());
        ModelPort models = chain(config(2, 3));

        long start = System.nanoTime();
        ChatResponse response = models.chat(QUESTION);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.model()).isEqualTo(ModelRef.of("hf", QWEN_72B));
        assertThat(hf.requestsFor(QWEN_72B)).isEqualTo(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(response.attempts()).extracting(Attempt::httpStatus)
                .containsExactly(java.util.OptionalInt.of(429), java.util.OptionalInt.empty());
    }

    @Test
    void honoursRetryAfterOnAn503AsWellAsOnA429() {
        hf.script(QWEN_72B, error(503, "{\"error\":\"Service Unavailable\"}").newBuilder()
                .addHeader("Retry-After", "1").build());
        ModelPort models = chain(config(2, 3));

        long start = System.nanoTime();
        ChatResponse response = models.chat(QUESTION);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(response.model()).isEqualTo(ModelRef.of("hf", QWEN_72B));
        assertThat(response.attempts().get(0).kind()).contains(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(response.attempts().get(0).message()).contains("provider asks to wait 1 s");
    }

    @Test
    void fallsBackAtOnceWhenRetryAfterIsAboveMaxRetryWait() {
        hf.script(QWEN_72B, error(429, "{\"error\":\"Too many requests\"}").newBuilder()
                .addHeader("Retry-After", "40").build());
        ModelPort models = chain(config(2, 3));

        ChatResponse response = models.chat(QUESTION);

        assertThat(response.model()).isEqualTo(ModelRef.of("hf", QWEN_7B));
        assertThat(hf.requestsFor(QWEN_72B)).isEqualTo(1);
        assertThat(response.attempts().get(0).message()).contains("provider asks to wait 40 s");
    }

    @Test
    void opensTheBreakerAfterTheThresholdSoLaterCallsSendNothingToTheDeadModel() {
        hf.always(QWEN_72B, novita500());
        ModelPort models = chain(config(0, 3));

        for (int call = 0; call < 3; call++) {
            models.chat(QUESTION);
        }
        ChatResponse later = models.chat(QUESTION);
        models.chat(QUESTION);

        assertThat(hf.requestsFor(QWEN_72B)).isEqualTo(3);
        assertThat(later.attempts().get(0).skipReason()).contains(SkipReason.CIRCUIT_OPEN);
        assertThat(later.model()).isEqualTo(ModelRef.of("hf", QWEN_7B));
    }

    @Test
    void fallsBackWithoutRetryOnCreditsUsedUpAndOnAuthenticationFailure() {
        hf.script(QWEN_72B, error(402, "{\"error\":\"You have exceeded your monthly included credits for Inference"
                + " Providers. Subscribe to PRO to get 20x more monthly included credits.\"}"));
        hf.script(QWEN_7B, error(401, "{\"error\":\"Invalid credentials in Authorization header\"}"));
        ModelPort models = chain(config(2, 3));

        ChatResponse response = models.chat(QUESTION);

        assertThat(response.model()).isEqualTo(ModelRef.of("openai", GPT));
        assertThat(hf.requestsFor(QWEN_72B)).isEqualTo(1);
        assertThat(hf.requestsFor(QWEN_7B)).isEqualTo(1);
        assertThat(response.attempts()).extracting(attempt -> attempt.kind().orElse(null))
                .containsExactly(ErrorKind.QUOTA_EXCEEDED, ErrorKind.AUTHENTICATION_FAILED, null);
    }

    @Test
    void failsFastOnAnInvalidRequestWithoutTryingAnotherModel() {
        hf.script(QWEN_72B, error(422, "{\"error\":\"Input validation error: `temperature` must be strictly positive\","
                + "\"error_type\":\"validation\"}"));
        ModelPort models = chain(config(2, 3));

        assertThatThrownBy(() -> models.chat(QUESTION)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTP 422");
        assertThat(hf.requestsFor(QWEN_7B)).isZero();
        assertThat(openai.received()).isEmpty();
    }

    @Test
    void raisesAllModelsFailedWithEveryAttemptWhenEveryModelIsDown() {
        hf.always(QWEN_72B, novita500());
        hf.always(QWEN_7B, error(503, "{\"error\":\"Service Unavailable\"}"));
        openai.always(GPT, error(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}"));
        ModelPort models = chain(config(1, 10));

        assertThatThrownBy(() -> models.chat(QUESTION)).isInstanceOfSatisfying(AllModelsFailedError.class, error -> {
            assertThat(error.attempts()).hasSize(6);
            assertThat(error.attempts()).extracting(attempt -> attempt.model().toString()).containsExactly(
                    "hf:" + QWEN_72B, "hf:" + QWEN_72B, "hf:" + QWEN_7B, "hf:" + QWEN_7B, "openai:" + GPT, "openai:" + GPT);
            assertThat(error.getMessage()).contains("HTTP 500", "novita", "HTTP 503");
        });
    }

    @Test
    void sendsEachProvidersKeyOnlyToThatProvider() {
        hf.always(QWEN_72B, novita500());
        hf.always(QWEN_7B, novita500());
        ModelPort models = chain(config(0, 10));

        models.chat(QUESTION);

        assertThat(hf.received()).isNotEmpty().allSatisfy(request ->
                assertThat(request.authorization()).isEqualTo("Bearer " + HF_TOKEN));
        assertThat(openai.received()).isNotEmpty().allSatisfy(request ->
                assertThat(request.authorization()).isEqualTo("Bearer " + OPENAI_KEY));
        assertThat(hf.received().toString()).doesNotContain(OPENAI_KEY);
        assertThat(openai.received().toString()).doesNotContain(HF_TOKEN);
    }

    /** A graph whose one provider, {@code parrot}, has type {@code type} and {@code options}, and chain {@code parrot:polly}. */
    private static Injector parrot(String type, Map<String, String> options) {
        Map<String, ProviderConfig> providers = Map.of("parrot", new ProviderConfig("parrot", type,
                java.net.URI.create("http://localhost:1"), Optional.empty(), false, options));
        DetourConfig config = new DetourConfig(providers, List.of(ModelRef.of("parrot", "polly")),
                ResilienceConfig.defaults(), WorkflowConfig.defaults(), "test");
        return Guice.createInjector(new DetourModule(config, Environment.of(Map.of())));
    }

    @Test
    void aProviderTypeDefinedOnlyInTestCodeIsFoundOnTheClassPath() {
        injector = parrot("echo", Map.of("prefix", "echo: "));

        ChatResponse response = injector.getInstance(ModelPort.class).chat(QUESTION);

        assertThat(response.text()).isEqualTo("echo: Why do tides happen?");
        assertThat(response.attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.model()).isEqualTo(ModelRef.of("parrot", "polly")));
    }

    @Test
    void saysWhichTypeIsMissingWhenAProvidersTypeIsNotInstalled() {
        Injector withoutSquawk = parrot("squawk", Map.of());

        assertThatThrownBy(() -> withoutSquawk.getInstance(ModelPort.class))
                .hasMessageContaining("providers.parrot.type: no provider type \"squawk\" is installed; installed types:"
                        + " [anthropic, echo, huggingface, openai]");
    }

    @Test
    void refusesABadOptionOfAConfigurationBuiltInCodeAtItsKeyPath() {
        Injector broken = parrot("echo", Map.of("fail-first", "twice"));

        assertThatThrownBy(() -> broken.getInstance(ModelPort.class)).hasMessageContaining(
                "providers.parrot.fail-first: \"twice\" is not a whole number (use a whole number of at least 1)");
    }
}
