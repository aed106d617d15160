package dev.detour.app.faults;

import static dev.detour.simulator.Behaviour.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.StreamListener;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Detour as an embedding backend builds it ({@link DetourModule} over a {@link DetourConfig}), pointed at a
 * {@link ProviderSimulator} playing one scenario, and a three-step workflow ({@code first}, {@code second},
 * {@code third}) whose steps each make one model call through the resilience chain.
 */
final class FaultRig implements AutoCloseable {

    static final ModelRef QWEN_72B = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");
    static final ModelRef QWEN_7B = ModelRef.of("hf", "Qwen/Qwen2.5-7B-Instruct");
    static final ModelRef GPT = ModelRef.of("openai", "gpt-4o-mini");

    /** How {@link #line} shows the primary when it answered or failed with a response, and the first fallback. */
    static final String PRIMARY = "hf:Qwen/Qwen2.5-72B-Instruct via novita";
    static final String FALLBACK = "hf:Qwen/Qwen2.5-7B-Instruct via hf-inference";

    static final String QUESTION = "Why do tides happen twice a day?";
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_RETRIES = 2;
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(2);

    private static final String HF_TOKEN = "hf_FakeFaultMatrixToken";
    private static final String OPENAI_KEY = "sk-fake-fault-matrix-key";

    /** What one step answered, as kept in the run record. */
    record StepAnswer(String step, ModelRef model, Optional<String> inferenceProvider, String text) {}

    private final ProviderSimulator simulator;
    private final Injector injector;
    private final List<ModelRef> chain;
    private final List<WorkflowEvent> events = new CopyOnWriteArrayList<>();

    private FaultRig(ProviderSimulator simulator, Injector injector, List<ModelRef> chain) {
        this.simulator = simulator;
        this.injector = injector;
        this.chain = chain;
    }

    /** A rig whose chain is {@code chain}, with the matrix's resilience settings and the providers' default options. */
    static FaultRig start(Scenario scenario, ModelRef... chain) {
        return start(scenario, Map.of(), chain);
    }

    /**
     * A rig whose providers ({@code hf}, {@code openai}) have the type-specific options of {@code options}, such as
     * {@code Map.of("hf", Map.of("max-response-bytes", "65536"))}.
     */
    static FaultRig start(Scenario scenario, Map<String, Map<String, String>> options, ModelRef... chain) {
        ProviderSimulator simulator = ProviderSimulator.start(scenario);
        try {
            Map<String, ProviderConfig> providers = new LinkedHashMap<>();
            providers.put("hf", new ProviderConfig("hf", "huggingface", simulator.huggingFaceBaseUrl(),
                    Optional.of("HF_TOKEN"), false, options.getOrDefault("hf", Map.of())));
            providers.put("openai", new ProviderConfig("openai", "openai", simulator.openAiBaseUrl(),
                    Optional.of("OPENAI_API_KEY"), false, options.getOrDefault("openai", Map.of())));
            ResilienceConfig resilience = new ResilienceConfig(ATTEMPT_TIMEOUT, MAX_RETRIES,
                    new ResilienceConfig.BackoffConfig(Duration.ofMillis(10), Duration.ofMillis(20), 0),
                    MAX_RETRY_WAIT, new ResilienceConfig.CircuitBreakerConfig(50, Duration.ofMinutes(1)),
                    Optional.empty());
            DetourConfig config = new DetourConfig(providers, List.of(chain), resilience, WorkflowConfig.defaults(),
                    "fault matrix: simulator scenario " + scenario.name());
            Injector injector = Guice.createInjector(new DetourModule(config,
                    Environment.of(Map.of("HF_TOKEN", HF_TOKEN, "OPENAI_API_KEY", OPENAI_KEY))));
            return new FaultRig(simulator, injector, List.of(chain));
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /** {@link #primaryFailsTheSecondStep(String, String, Behaviour, int)} of {@code hf:Qwen/Qwen2.5-72B-Instruct}. */
    static Scenario primaryFailsTheSecondStep(String name, Behaviour fault, int times) {
        return primaryFailsTheSecondStep(name, "hf:Qwen/Qwen2.5-72B-Instruct", fault, times);
    }

    /**
     * A scenario where the model {@code primary} (as the simulator names it, such as {@code openai:gpt-4o-mini})
     * answers one request, then {@code fault} {@code times} times, then answers again: in a three-step run whose
     * first model it is, the fault hits the second step. A Hugging Face primary is served by {@code novita}.
     */
    static Scenario primaryFailsTheSecondStep(String name, String primary, Behaviour fault, int times) {
        Behaviour[] then = new Behaviour[times + 1];
        Arrays.fill(then, 0, times, fault);
        then[times] = ok();
        return Scenario.builder(name)
                .model(primary, script -> {
                    if (primary.startsWith("hf:")) {
                        script.servedBy("novita");
                    }
                    script.sequence(ok(), then);
                })
                .build();
    }

    /** Three steps that each ask the chain once. */
    static Workflow<String, StepAnswer> threeSteps() {
        return Workflow.step("first", FaultRig.<String>asking("first"))
                .then("second", asking("second"))
                .then("third", asking("third"));
    }

    /** Three steps; the second streams its answer to {@code listener}. */
    static Workflow<String, StepAnswer> threeStepsStreamingTheSecond(StreamListener listener) {
        return Workflow.step("first", FaultRig.<String>asking("first"))
                .then("second", streaming("second", listener))
                .then("third", asking("third"));
    }

    private static <I> Step<I, StepAnswer> asking(String name) {
        return (input, context) -> answer(name, context.call(request(name, input)));
    }

    private static <I> Step<I, StepAnswer> streaming(String name, StreamListener listener) {
        return (input, context) -> answer(name, context.stream(request(name, input), listener));
    }

    private static ChatRequest request(String step, Object input) {
        String previous = input instanceof StepAnswer answer ? " Build on: " + answer.text() : "";
        return ChatRequest.of(ChatMessage.user("Step " + step + " of researching: " + QUESTION + previous));
    }

    private static StepAnswer answer(String step, ChatResponse response) {
        return new StepAnswer(step, response.model(), response.inferenceProvider(), response.text());
    }

    /** Runs {@code workflow} on the engine from the Guice graph, collecting its events. */
    RunResult<StepAnswer> run(Workflow<String, StepAnswer> workflow) {
        return injector.getInstance(WorkflowEngine.class)
                .run(workflow, QUESTION, RunOptions.defaults().withListener(events::add));
    }

    List<WorkflowEvent> events() {
        return List.copyOf(events);
    }

    /** Each fallback the run announced, as {@code step: from -> to (reason)}: what a progress display shows. */
    List<String> fallbacks() {
        return events.stream()
                .filter(WorkflowEvent.FallbackTaken.class::isInstance)
                .map(WorkflowEvent.FallbackTaken.class::cast)
                .map(fallback -> fallback.step() + ": " + fallback.from() + " -> " + fallback.to()
                        + " (" + fallback.reason() + ")")
                .toList();
    }

    /** How many requests the simulator received for each model of the chain, in chain order. */
    Map<ModelRef, Long> requestsPerModel() {
        Map<ModelRef, Long> counts = new LinkedHashMap<>();
        chain.forEach(model -> counts.put(model, simulator.requestCount(model.toString())));
        return counts;
    }

    @Override
    public void close() {
        try {
            injector.getInstance(Providers.class).close();
        } finally {
            simulator.close();
        }
    }

    /**
     * One attempt on one line, for exact comparison: {@code hf:Qwen/Qwen2.5-72B-Instruct via novita, retry 0:
     * ProviderUnavailable, HTTP 500}, {@code …, retry 1: succeeded} or {@code …: skipped (circuit open)}.
     */
    static String line(Attempt attempt) {
        StringBuilder line = new StringBuilder().append(attempt.model());
        attempt.inferenceProvider().ifPresent(provider -> line.append(" via ").append(provider));
        switch (attempt.outcome()) {
            case SKIPPED -> line.append(": skipped (").append(attempt.skipReason().orElseThrow().description())
                    .append(")");
            case SUCCEEDED -> line.append(", retry ").append(attempt.retry()).append(": succeeded");
            case FAILED -> {
                line.append(", retry ").append(attempt.retry()).append(": ")
                        .append(attempt.kind().map(ErrorKind::displayName).orElse("unclassified"));
                attempt.httpStatus().ifPresent(status -> line.append(", HTTP ").append(status));
            }
        }
        return line.toString();
    }

    static List<String> lines(List<Attempt> attempts) {
        return attempts.stream().map(FaultRig::line).toList();
    }

    /** The record of the step {@code path}, which must be there. */
    static StepRecord step(RunResult<?> result, String path) {
        Optional<StepRecord> step = result.record().step(path);
        assertThat(step).as("the run record of step %s", path).isPresent();
        return step.get();
    }

    /**
     * Asserts that step {@code path} completed and that its output, kept in the record, is the answer
     * {@code model} wrote through {@code inferenceProvider} (the simulator signs every answer so).
     */
    static void assertKeptAnswer(RunResult<?> result, String path, ModelRef model, String inferenceProvider) {
        assertKept(result, path, model, Optional.of(inferenceProvider));
    }

    /** {@link #assertKeptAnswer(RunResult, String, ModelRef, String)} for a provider naming no inference provider. */
    static void assertKeptAnswer(RunResult<?> result, String path, ModelRef model) {
        assertKept(result, path, model, Optional.empty());
    }

    private static void assertKept(RunResult<?> result, String path, ModelRef model,
            Optional<String> inferenceProvider) {
        StepRecord step = step(result, path);
        assertThat(step.status()).as("status of step %s", path).isEqualTo(RunStatus.COMPLETED);
        assertThat(step.output(StepAnswer.class)).as("output of step %s", path).hasValueSatisfying(answer -> {
            assertThat(answer.step()).isEqualTo(path);
            assertThat(answer.model()).isEqualTo(model);
            assertThat(answer.inferenceProvider()).isEqualTo(inferenceProvider);
            assertThat(answer.text()).startsWith("[simulated by " + model.model()
                    + inferenceProvider.map(provider -> " via " + provider).orElse("") + "]");
        });
    }

    /** Asserts a completed run whose second step fell back from the Hugging Face primary after {@code failures}. */
    static void assertSecondStepFellBack(RunResult<?> result, List<String> failures) {
        assertKeptAnswer(result, "first", QWEN_72B, "novita");
        assertFellBackInTheSecondStep(result, failures);
        assertKeptAnswer(result, "third", QWEN_72B, "novita");
        assertAnsweredAtOnce(result, PRIMARY, "first", "third");
    }

    /** Asserts a completed run whose second step fell back from the OpenAI primary after {@code failures}. */
    static void assertSecondStepFellBackFromOpenAi(RunResult<?> result, List<String> failures) {
        assertKeptAnswer(result, "first", GPT);
        assertFellBackInTheSecondStep(result, failures);
        assertKeptAnswer(result, "third", GPT);
        assertAnsweredAtOnce(result, "openai:gpt-4o-mini", "first", "third");
    }

    private static void assertFellBackInTheSecondStep(RunResult<?> result, List<String> failures) {
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stepPaths(result.record())).containsExactly("first", "second", "third");
        assertKeptAnswer(result, "second", QWEN_7B, "hf-inference");
        assertThat(lines(step(result, "second").attempts()))
                .containsExactlyElementsOf(concat(failures, List.of(FALLBACK + ", retry 0: succeeded")));
        assertThat(result.output()).as("the run's output")
                .isEqualTo(step(result, "third").output(StepAnswer.class));
    }

    static void assertAnsweredAtOnce(RunResult<?> result, String primary, String... steps) {
        for (String path : steps) {
            assertThat(lines(step(result, path).attempts())).as("attempts of step %s", path)
                    .containsExactly(primary + ", retry 0: succeeded");
        }
    }

    /** How {@link #fallbacks()} shows the second step's fallback from the Hugging Face primary, for {@code reason}. */
    static String secondStepFellBack(String reason) {
        return "second: " + QWEN_72B + " -> " + QWEN_7B + " (" + reason + ")";
    }

    /** How {@link #fallbacks()} shows the second step's fallback from the OpenAI primary, for {@code reason}. */
    static String secondStepFellBackFromOpenAi(String reason) {
        return "second: " + GPT + " -> " + QWEN_7B + " (" + reason + ")";
    }

    /** The steps of {@code record}, by path, in the order they started. */
    static List<String> stepPaths(RunRecord record) {
        return record.steps().stream().map(StepRecord::path).toList();
    }

    /** {@code times} tries of {@code model} ending in {@code outcome}, retry 0 first, as {@link #line} shows them. */
    static List<String> tries(String model, int times, String outcome) {
        List<String> lines = new ArrayList<>();
        for (int retry = 0; retry < times; retry++) {
            lines.add(model + ", retry " + retry + ": " + outcome);
        }
        return lines;
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
