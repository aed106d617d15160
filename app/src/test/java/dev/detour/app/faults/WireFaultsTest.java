package dev.detour.app.faults;

import static dev.detour.app.faults.FaultRig.GPT;
import static dev.detour.app.faults.FaultRig.PRIMARY;
import static dev.detour.app.faults.FaultRig.QWEN_72B;
import static dev.detour.app.faults.FaultRig.QWEN_7B;
import static dev.detour.app.faults.FaultRig.assertAnsweredAtOnce;
import static dev.detour.app.faults.FaultRig.assertKeptAnswer;
import static dev.detour.app.faults.FaultRig.assertSecondStepFellBack;
import static dev.detour.app.faults.FaultRig.lines;
import static dev.detour.app.faults.FaultRig.primaryFailsTheSecondStep;
import static dev.detour.app.faults.FaultRig.secondStepFellBack;
import static dev.detour.app.faults.FaultRig.step;
import static dev.detour.app.faults.FaultRig.threeSteps;
import static dev.detour.app.faults.FaultRig.threeStepsStreamingTheSecond;
import static dev.detour.app.faults.FaultRig.tries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.detour.app.faults.FaultRig.StepAnswer;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.Scenario;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults of the wire rather than of an error status, end to end through the Guice graph against the
 * provider simulator: a stream cut before its finish reason or by a dropped connection, an error event
 * inside a 200 stream, a body dribbled for longer than the attempt timeout, a dropped connection, a
 * gateway's HTML 502 page and a body above the size cap. Each pins the kind the Hugging Face adapter gives
 * the fault, the chain's disposition (by the exact attempt list and the requests the simulator received),
 * what a streaming display is told, and that every completed step keeps its output in the run record.
 */
class WireFaultsTest {

    private static final ModelRef[] CHAIN = {QWEN_72B, QWEN_7B, GPT};
    private static final String UNATTRIBUTED_PRIMARY = "hf:Qwen/Qwen2.5-72B-Instruct";

    private FaultRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private RunResult<StepAnswer> runStreamingTheSecondStep(Scenario scenario, StreamLog display) {
        rig = FaultRig.start(scenario, CHAIN);
        return rig.run(threeStepsStreamingTheSecond(display));
    }

    private List<String> streamResets() {
        return rig.events().stream()
                .filter(WorkflowEvent.StreamReset.class::isInstance)
                .map(WorkflowEvent.StreamReset.class::cast)
                .map(reset -> reset.step() + ": " + reset.failedModel() + " -> " + reset.nextModel())
                .toList();
    }

    @Test
    void aStreamCutBeforeItsFinishReasonIsMalformedRetriedOnceThenFallsBackAndTheDisplayIsReset() {
        StreamLog display = new StreamLog();

        RunResult<StepAnswer> result = runStreamingTheSecondStep(
                primaryFailsTheSecondStep("stream-cut", Behaviour.streamCut(2), 2), display);

        assertSecondStepFellBack(result, tries(PRIMARY, 2, "MalformedResponse, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 4L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("MalformedResponse from novita"));
        assertThat(display.resets()).containsExactly(
                "hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-72B-Instruct",
                "hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-7B-Instruct");
        assertThat(display.voided()).allSatisfy(partial ->
                assertThat(partial).isNotEmpty().startsWith("[simulated by Qwen/Qwen2.5-72B-Instruct"));
        assertThat(display.shown()).isEqualTo(step(result, "second").output(StepAnswer.class).orElseThrow().text());
        assertThat(streamResets()).containsExactly(
                "second: hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-72B-Instruct",
                "second: hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-7B-Instruct");
    }

    @Test
    void aStreamCutByADroppedConnectionIsProviderUnavailableRetriedThenFallsBackAndTheDisplayIsReset() {
        StreamLog display = new StreamLog();

        RunResult<StepAnswer> result = runStreamingTheSecondStep(
                primaryFailsTheSecondStep("stream-dropped", Behaviour.streamCutAbruptly(2), 3), display);

        assertSecondStepFellBack(result, tries(PRIMARY, 3, "ProviderUnavailable, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 5L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("ProviderUnavailable from novita"));
        assertThat(display.resets()).containsExactly(
                "hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-72B-Instruct",
                "hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-72B-Instruct",
                "hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-7B-Instruct");
        assertThat(display.shown()).isEqualTo(step(result, "second").output(StepAnswer.class).orElseThrow().text());
    }

    @Test
    void anErrorEventInsideA200StreamMapsLikeTheSameErrorOnAPlainResponse() {
        StreamLog display = new StreamLog();
        Behaviour overloaded = Behaviour.streamError(2,
                "{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}");

        RunResult<StepAnswer> result = runStreamingTheSecondStep(
                primaryFailsTheSecondStep("stream-error", overloaded, 1), display);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(lines(step(result, "second").attempts())).containsExactly(
                PRIMARY + ", retry 0: RateLimited",
                PRIMARY + ", retry 1: succeeded");
        assertKeptAnswer(result, "first", QWEN_72B, "novita");
        assertKeptAnswer(result, "second", QWEN_72B, "novita");
        assertKeptAnswer(result, "third", QWEN_72B, "novita");
        assertThat(display.resets()).containsExactly("hf:Qwen/Qwen2.5-72B-Instruct -> hf:Qwen/Qwen2.5-72B-Instruct");
        assertThat(display.shown()).isEqualTo(step(result, "second").output(StepAnswer.class).orElseThrow().text());
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 4L), entry(QWEN_7B, 0L), entry(GPT, 0L));
    }

    @Test
    void aBodyDribbledWithinTheReadTimeoutButPastTheAttemptTimeoutIsATimeoutRetriedThenFallsBack() {
        Behaviour drip = Behaviour.slowDrip(8, Duration.ofMillis(50));
        rig = FaultRig.start(primaryFailsTheSecondStep("slow-drip", drip, 3),
                Map.of("hf", Map.of("read-timeout", "500ms")), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeSteps());

        assertSecondStepFellBack(result, tries(PRIMARY, 3, "Timeout, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 5L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("Timeout from novita"));
        assertThat(step(result, "second").attempts()).filteredOn(attempt -> attempt.outcome() == Attempt.Outcome.FAILED)
                .allSatisfy(attempt -> assertThat(attempt.duration())
                        .as("each try is cut at the attempt timeout while bytes still trickle in")
                        .isGreaterThanOrEqualTo(FaultRig.ATTEMPT_TIMEOUT.minusMillis(50))
                        .isLessThan(FaultRig.ATTEMPT_TIMEOUT.multipliedBy(3)));
    }

    @Test
    void aBodyDribbledWithinBothTimeoutsIsASlowSuccessNotAFailure() {
        Behaviour drip = Behaviour.slowDrip(64, Duration.ofMillis(20));
        rig = FaultRig.start(primaryFailsTheSecondStep("slow-but-alive", drip, 1),
                Map.of("hf", Map.of("read-timeout", "500ms")), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeSteps());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertKeptAnswer(result, "second", QWEN_72B, "novita");
        assertAnsweredAtOnce(result, PRIMARY, "first", "second", "third");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 0L), entry(GPT, 0L));
    }

    @Test
    void aConnectionDroppedMidBodyIsProviderUnavailableRetriedThenFallsBack() {
        rig = FaultRig.start(primaryFailsTheSecondStep("dropped", Behaviour.disconnect(), 3), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeSteps());

        assertSecondStepFellBack(result, tries(PRIMARY, 3, "ProviderUnavailable, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 5L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("ProviderUnavailable from novita"));
    }

    @Test
    void aGatewaysHtml502PageIsProviderUnavailableRetriedThenFallsBack() {
        rig = FaultRig.start(primaryFailsTheSecondStep("html-502", Behaviour.htmlPage(502), 3), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeSteps());

        assertSecondStepFellBack(result, tries(UNATTRIBUTED_PRIMARY, 3, "ProviderUnavailable, HTTP 502"));
        assertThat(step(result, "second").attempts().getFirst().message())
                .contains("HTML error page", "502 Bad Gateway")
                .doesNotContain("<html", "<center>");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 5L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 502 from hf"));
    }

    @Test
    void aBodyAboveTheSizeCapIsMalformedRetriedOnceThenFallsBack() {
        rig = FaultRig.start(primaryFailsTheSecondStep("oversized", Behaviour.oversized(1024 * 1024), 2),
                Map.of("hf", Map.of("max-response-bytes", "65536")), CHAIN);

        RunResult<StepAnswer> result = rig.run(threeSteps());

        assertSecondStepFellBack(result, tries(PRIMARY, 2, "MalformedResponse, HTTP 200"));
        assertThat(step(result, "second").attempts().getFirst().message())
                .contains("larger than the cap of 65536 bytes");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 4L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("MalformedResponse from novita"));
    }
}
