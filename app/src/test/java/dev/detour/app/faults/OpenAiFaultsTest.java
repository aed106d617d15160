package dev.detour.app.faults;

import static dev.detour.app.faults.FaultRig.GPT;
import static dev.detour.app.faults.FaultRig.QWEN_7B;
import static dev.detour.app.faults.FaultRig.assertKeptAnswer;
import static dev.detour.app.faults.FaultRig.assertSecondStepFellBackFromOpenAi;
import static dev.detour.app.faults.FaultRig.lines;
import static dev.detour.app.faults.FaultRig.primaryFailsTheSecondStep;
import static dev.detour.app.faults.FaultRig.secondStepFellBackFromOpenAi;
import static dev.detour.app.faults.FaultRig.step;
import static dev.detour.app.faults.FaultRig.stepPaths;
import static dev.detour.app.faults.FaultRig.threeSteps;
import static dev.detour.app.faults.FaultRig.threeStepsStreamingTheSecond;
import static dev.detour.app.faults.FaultRig.tries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.detour.app.faults.FaultRig.StepAnswer;
import dev.detour.simulator.Behaviour;
import dev.detour.core.model.InvalidRequestException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults that each adapter reads off the wire on its own, at an OpenAI-compatible primary: the OpenAI
 * adapter must give them the same kinds as the Hugging Face adapter does, so the chain treats them the same.
 * The primary answers the first step, fails the second with the fault, and answers the third; the fallback
 * is a Hugging Face model.
 */
class OpenAiFaultsTest {

    private static final String OPENAI = "openai:gpt-4o-mini";
    private static final ModelRef[] CHAIN = {GPT, QWEN_7B};
    /** An OpenAI 400 in the documented error shape; written for this test, not recorded. */
    private static final String BAD_TEMPERATURE = "{\"error\":{\"message\":\"Invalid value for 'temperature':"
            + " expected a number between 0 and 2.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\","
            + "\"code\":null}}";

    private FaultRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private RunResult<StepAnswer> runThreeSteps(Behaviour fault, int times, Map<String, Map<String, String>> options) {
        rig = FaultRig.start(primaryFailsTheSecondStep("openai-" + times, OPENAI, fault, times), options, CHAIN);
        return rig.run(threeSteps());
    }

    @Test
    void aBadRequestFailsFastWithoutContactingTheFallbackAndKeepsTheFirstStep() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.status(400, BAD_TEMPERATURE), 1, Map.of());

        assertThat(result).isInstanceOfSatisfying(RunResult.Failed.class, failed -> {
            assertThat(failed.failedStep()).isEqualTo("second");
            assertThat(failed.failure()).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Invalid value for 'temperature'");
        });
        assertThat(stepPaths(result.record())).containsExactly("first", "second");
        assertKeptAnswer(result, "first", GPT);
        assertThat(lines(step(result, "second").attempts()))
                .containsExactly(OPENAI + ", retry 0: InvalidRequest, HTTP 400");
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 2L), entry(QWEN_7B, 0L));
        assertThat(rig.fallbacks()).isEmpty();
    }

    @Test
    void malformedJsonIsRetriedOnceThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.malformedJson(), 2, Map.of());

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 2, "MalformedResponse, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 4L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("MalformedResponse from openai"));
    }

    @Test
    void contentFilteredIsNotRetriedAndFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.okEndingWith("content_filter"), 1, Map.of());

        assertSecondStepFellBackFromOpenAi(result, List.of(OPENAI + ", retry 0: ContentFiltered, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 3L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("ContentFiltered from openai"));
    }

    @Test
    void a503WithARetryAfterBeyondAnIntFallsBackAtOnceKeepingItsStatus() {
        RunResult<StepAnswer> result = runThreeSteps(
                Behaviour.status(503, "{\"error\":{\"message\":\"overloaded\"}}").withHeader("Retry-After", "99999999999"),
                1, Map.of());

        assertSecondStepFellBackFromOpenAi(result, List.of(OPENAI + ", retry 0: ProviderUnavailable, HTTP 503"));
        assertThat(step(result, "second").attempts().getFirst().message()).contains("overloaded");
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 3L), entry(QWEN_7B, 1L));
    }

    @Test
    void aTimeoutIsRetriedThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(
                Behaviour.ok().withLatency(FaultRig.ATTEMPT_TIMEOUT.multipliedBy(5)), 3, Map.of());

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 3, "Timeout"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 5L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("Timeout from openai"));
    }

    @Test
    void aBodyDribbledPastTheAttemptTimeoutIsATimeoutRetriedThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.slowDrip(8, Duration.ofMillis(50)), 3,
                Map.of("openai", Map.of("read-timeout", "500ms")));

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 3, "Timeout"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 5L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("Timeout from openai"));
    }

    @Test
    void aConnectionDroppedMidBodyIsProviderUnavailableRetriedThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.disconnect(), 3, Map.of());

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 3, "ProviderUnavailable"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 5L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("ProviderUnavailable from openai"));
    }

    @Test
    void aGatewaysHtml502PageIsProviderUnavailableRetriedThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.htmlPage(502), 3, Map.of());

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 3, "ProviderUnavailable, HTTP 502"));
        assertThat(step(result, "second").attempts().getFirst().message())
                .contains("502 Bad Gateway")
                .doesNotContain("<html", "<center>");
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 5L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("HTTP 502 from openai"));
    }

    @Test
    void aBodyAboveTheSizeCapIsMalformedRetriedOnceThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(Behaviour.oversized(1024 * 1024), 2,
                Map.of("openai", Map.of("max-response-bytes", "65536")));

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 2, "MalformedResponse, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 4L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("MalformedResponse from openai"));
    }

    @Test
    void aStreamCutBeforeItsFinishReasonIsMalformedRetriedOnceThenFallsBackAndTheDisplayIsReset() {
        StreamLog display = new StreamLog();
        rig = FaultRig.start(primaryFailsTheSecondStep("openai-stream-cut", OPENAI, Behaviour.streamCut(2), 2), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeStepsStreamingTheSecond(display));

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 2, "MalformedResponse, HTTP 200"));
        assertThat(display.resets()).containsExactly(
                "openai:gpt-4o-mini -> openai:gpt-4o-mini",
                "openai:gpt-4o-mini -> hf:Qwen/Qwen2.5-7B-Instruct");
        assertThat(display.voided()).allSatisfy(partial ->
                assertThat(partial).isNotEmpty().startsWith("[simulated by gpt-4o-mini"));
        assertThat(display.shown()).isEqualTo(step(result, "second").output(StepAnswer.class).orElseThrow().text());
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 4L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("MalformedResponse from openai"));
    }

    @Test
    void aStreamCutByADroppedConnectionIsProviderUnavailableRetriedThenFallsBackAndTheDisplayIsReset() {
        StreamLog display = new StreamLog();
        rig = FaultRig.start(primaryFailsTheSecondStep("openai-stream-dropped", OPENAI,
                Behaviour.streamCutAbruptly(2), 3), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeStepsStreamingTheSecond(display));

        assertSecondStepFellBackFromOpenAi(result, tries(OPENAI, 3, "ProviderUnavailable"));
        assertThat(display.resets()).hasSize(3).last().isEqualTo("openai:gpt-4o-mini -> hf:Qwen/Qwen2.5-7B-Instruct");
        assertThat(display.shown()).isEqualTo(step(result, "second").output(StepAnswer.class).orElseThrow().text());
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 5L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("ProviderUnavailable from openai"));
    }
}
