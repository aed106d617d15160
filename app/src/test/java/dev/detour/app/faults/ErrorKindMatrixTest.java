package dev.detour.app.faults;

import static dev.detour.app.faults.FaultRig.FALLBACK;
import static dev.detour.app.faults.FaultRig.GPT;
import static dev.detour.app.faults.FaultRig.PRIMARY;
import static dev.detour.app.faults.FaultRig.QWEN_72B;
import static dev.detour.app.faults.FaultRig.QWEN_7B;
import static dev.detour.app.faults.FaultRig.assertAnsweredAtOnce;
import static dev.detour.app.faults.FaultRig.assertKeptAnswer;
import static dev.detour.app.faults.FaultRig.assertSecondStepFellBack;
import static dev.detour.app.faults.FaultRig.assertSecondStepFellBackFromOpenAi;
import static dev.detour.app.faults.FaultRig.concat;
import static dev.detour.app.faults.FaultRig.lines;
import static dev.detour.app.faults.FaultRig.primaryFailsTheSecondStep;
import static dev.detour.app.faults.FaultRig.secondStepFellBack;
import static dev.detour.app.faults.FaultRig.secondStepFellBackFromOpenAi;
import static dev.detour.app.faults.FaultRig.step;
import static dev.detour.app.faults.FaultRig.stepPaths;
import static dev.detour.app.faults.FaultRig.threeSteps;
import static dev.detour.app.faults.FaultRig.tries;
import static dev.detour.simulator.Behaviour.ok;
import static dev.detour.simulator.Behaviour.okEndingWith;
import static dev.detour.simulator.Behaviour.payload;
import static dev.detour.simulator.Behaviour.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.detour.app.faults.FaultRig.StepAnswer;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.Scenario;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.InvalidRequestException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix of DESIGN §3, one error kind per test, end to end: the Guice graph of
 * {@code DetourModule}, the real adapters over HTTP, the provider simulator answering with the providers'
 * recorded error bodies where there are such. In each test the primary model answers the first step, then fails the second step with
 * the fault, then answers the third; each test pins the chain's disposition (retry the same model, fall back,
 * or fail fast) by the exact attempt list and by the requests the simulator received, and checks that every
 * step that completed before (and after) the fault keeps its output in the run record.
 */
class ErrorKindMatrixTest {

    /** OpenAI's insufficient-quota error in its documented shape; no recorded copy is bundled with the simulator. */
    private static final String OPENAI_QUOTA_BODY = "{\"error\":{\"message\":\"You exceeded your current quota, please"
            + " check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
            + "\"code\":\"insufficient_quota\"}}";

    private static final ModelRef[] HF_FIRST = {QWEN_72B, QWEN_7B, GPT};
    private static final ModelRef[] OPENAI_FIRST = {GPT, QWEN_7B};

    private FaultRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    private RunResult<StepAnswer> runThreeSteps(Scenario scenario, ModelRef... chain) {
        rig = FaultRig.start(scenario, chain);
        return rig.run(threeSteps());
    }

    @Test
    void providerUnavailableIsRetriedThenFallsBackAndKeepsEarlierSteps() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("provider-unavailable",
                payload(500, "hf-router-error-500-representative.json"), 3), HF_FIRST);

        assertSecondStepFellBack(result, tries(PRIMARY, 3, "ProviderUnavailable, HTTP 500"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 5L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 500 from novita"));
    }

    @Test
    void aProviderThatSaysShouldRetryFalseIsNotRetriedButFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("should-retry-false",
                payload(500, "hf-router-error-500-representative.json").withHeader("x-should-retry", "false"), 1),
                HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: ProviderUnavailable, HTTP 500"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 500 from novita"));
    }

    @Test
    void timeoutIsRetriedThenFallsBackAndKeepsEarlierSteps() {
        Behaviour silent = ok().withLatency(FaultRig.ATTEMPT_TIMEOUT.multipliedBy(5));

        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("timeout", silent, 3), HF_FIRST);

        assertSecondStepFellBack(result, tries("hf:Qwen/Qwen2.5-72B-Instruct", 3, "Timeout"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 5L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("Timeout from hf"));
        assertThat(step(result, "second").attempts()).filteredOn(attempt -> attempt.outcome() == Attempt.Outcome.FAILED)
                .allSatisfy(attempt -> assertThat(attempt.duration())
                        .as("each try is cut at the attempt timeout, not at the provider's 5 s")
                        .isLessThan(FaultRig.ATTEMPT_TIMEOUT.multipliedBy(3)));
    }

    @Test
    void rateLimitedWithRetryAfterWithinTheCapRetriesTheSameModelAfterTheWait() {
        Behaviour limited = payload(429, "hf-router-error-429-representative.json").withHeader("Retry-After", "1");

        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("rate-limited", limited, 1), HF_FIRST);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertKeptAnswer(result, "first", QWEN_72B, "novita");
        assertKeptAnswer(result, "second", QWEN_72B, "novita");
        assertKeptAnswer(result, "third", QWEN_72B, "novita");
        assertAnsweredAtOnce(result, PRIMARY, "first", "third");
        List<Attempt> attempts = step(result, "second").attempts();
        assertThat(lines(attempts)).containsExactly(
                PRIMARY + ", retry 0: RateLimited, HTTP 429",
                PRIMARY + ", retry 1: succeeded");
        assertThat(attempts.get(0).message()).contains("provider asks to wait 1 s");
        assertThat(Duration.between(attempts.get(0).start(), attempts.get(1).start()))
                .as("the retry waited what Retry-After asked")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 4L), entry(QWEN_7B, 0L), entry(GPT, 0L));
    }

    @Test
    void rateLimitedWithRetryAfterAboveTheCapFallsBackAtOnce() {
        Behaviour limited = payload(429, "hf-router-error-429-representative.json").withHeader("Retry-After", "40");

        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("rate-limited-long", limited, 1),
                HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: RateLimited, HTTP 429"));
        assertThat(step(result, "second").attempts().get(0).message()).contains("provider asks to wait 40 s");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 429 from novita"));
    }

    @Test
    void a503WithARetryAfterBeyondAnIntFallsBackAtOnceKeepingItsStatus() {
        Behaviour busy = Behaviour.status(503, "{\"error\":\"upstream busy\"}").withHeader("Retry-After", "99999999999");

        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("retry-after-huge", busy, 1), HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: ProviderUnavailable, HTTP 503"));
        assertThat(step(result, "second").attempts().get(0).message()).contains("upstream busy");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 503 from novita"));
    }

    @Test
    void aModelStillLoadingForLongerThanTheCapIsRateLimitedAndFallsBackAtOnce() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("model-loading",
                payload(503, "hf-router-error-503-model-loading.json"), 1), HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: RateLimited, HTTP 503"));
        assertThat(step(result, "second").attempts().get(0).message()).contains("provider asks to wait 20 s");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 503 from novita"));
    }

    @Test
    void quotaExceededIsNotRetriedAndFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("quota-exceeded",
                payload(402, "hf-router-error-402-credits-exhausted.json"), 1), HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: QuotaExceeded, HTTP 402"));
        assertThat(step(result, "second").attempts().get(0).message())
                .contains("You have exceeded your monthly included credits");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 402 from novita"));
    }

    @Test
    void openAisInsufficientQuotaIsA429ThatIsNotRetriedButFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("insufficient-quota",
                "openai:gpt-4o-mini", status(429, OPENAI_QUOTA_BODY), 1), OPENAI_FIRST);

        assertSecondStepFellBackFromOpenAi(result, List.of("openai:gpt-4o-mini, retry 0: QuotaExceeded, HTTP 429"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 3L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("HTTP 429 from openai"));
    }

    @Test
    void authenticationFailedIsNotRetriedAndFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("authentication-failed",
                payload(401, "hf-router-error-401-invalid-credentials.json"), 1), HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: AuthenticationFailed, HTTP 401"));
        assertThat(step(result, "second").attempts().get(0).message())
                .contains("Invalid username or password.");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 401 from novita"));
    }

    @Test
    void modelUnavailableIsNotRetriedAndFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("model-unavailable",
                payload(404, "hf-router-error-404-model-does-not-exist.json"), 1), HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: ModelUnavailable, HTTP 404"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("HTTP 404 from novita"));
    }

    @Test
    void contextLengthExceededIsNotRetriedAndFallsBackToAModelThatMayFit() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("context-length", "openai:gpt-4o-mini",
                payload(400, "openai-error-400-context-length-exceeded.json"), 1), OPENAI_FIRST);

        assertSecondStepFellBackFromOpenAi(result,
                List.of("openai:gpt-4o-mini, retry 0: ContextLengthExceeded, HTTP 400"));
        assertThat(step(result, "second").attempts().get(0).message())
                .contains("This model's maximum context length is 4097 tokens");
        assertThat(rig.requestsPerModel()).containsExactly(entry(GPT, 3L), entry(QWEN_7B, 1L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBackFromOpenAi("HTTP 400 from openai"));
    }

    @Test
    void contentFilteredIsNotRetriedAndFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("content-filtered",
                okEndingWith("content_filter"), 1), HF_FIRST);

        assertSecondStepFellBack(result, List.of(PRIMARY + ", retry 0: ContentFiltered"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 3L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("ContentFiltered from novita"));
    }

    @Test
    void malformedResponseIsRetriedOnceThenFallsBack() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("malformed",
                Behaviour.malformedJson(), 2), HF_FIRST);

        assertSecondStepFellBack(result, tries(PRIMARY, 2, "MalformedResponse, HTTP 200"));
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 4L), entry(QWEN_7B, 1L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).containsExactly(secondStepFellBack("MalformedResponse from novita"));
    }

    @Test
    void invalidRequestFailsFastWithoutContactingAnotherModelAndKeepsTheFirstStep() {
        RunResult<StepAnswer> result = runThreeSteps(primaryFailsTheSecondStep("invalid-request",
                payload(422, "hf-router-error-422-validation.json"), 1), HF_FIRST);

        assertThat(result).isInstanceOfSatisfying(RunResult.Failed.class, failed -> {
            assertThat(failed.failedStep()).isEqualTo("second");
            assertThat(failed.failure()).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("HTTP 422")
                    .hasMessageContaining("Input validation error");
        });
        assertThat(stepPaths(result.record())).containsExactly("first", "second");
        assertKeptAnswer(result, "first", QWEN_72B, "novita");
        assertAnsweredAtOnce(result, PRIMARY, "first");
        StepRecord second = step(result, "second");
        assertThat(second.status()).isEqualTo(RunStatus.FAILED);
        assertThat(second.output()).isEmpty();
        assertThat(second.failure()).hasValueSatisfying(failure ->
                assertThat(failure.kind()).contains(ErrorKind.INVALID_REQUEST));
        assertThat(lines(second.attempts())).containsExactly(PRIMARY + ", retry 0: InvalidRequest, HTTP 422");
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 2L), entry(QWEN_7B, 0L), entry(GPT, 0L));
        assertThat(rig.fallbacks()).isEmpty();
    }

    @Test
    void whenEveryModelFailsTheRunFailsWithEveryAttemptAndKeepsTheFirstStep() {
        Scenario allDown = Scenario.builder("all-down-in-second-step")
                .model("hf:Qwen/Qwen2.5-72B-Instruct", script -> script.servedBy("novita")
                        .sequence(ok(), payload(500, "hf-router-error-500-representative.json")))
                .model("hf:Qwen/Qwen2.5-7B-Instruct", script -> script
                        .always(payload(402, "hf-router-error-402-credits-exhausted.json")))
                .model("openai:gpt-4o-mini", script -> script
                        .always(payload(401, "openai-error-401-invalid-api-key.json")))
                .build();

        RunResult<StepAnswer> result = runThreeSteps(allDown, HF_FIRST);

        List<String> everyAttempt = concat(
                tries(PRIMARY, 3, "ProviderUnavailable, HTTP 500"),
                List.of(FALLBACK + ", retry 0: QuotaExceeded, HTTP 402",
                        "openai:gpt-4o-mini, retry 0: AuthenticationFailed, HTTP 401"));
        assertThat(result).isInstanceOfSatisfying(RunResult.Failed.class, failed -> {
            assertThat(failed.failedStep()).isEqualTo("second");
            assertThat(failed.failure()).isInstanceOfSatisfying(AllModelsFailedError.class, error -> {
                assertThat(lines(error.attempts())).containsExactlyElementsOf(everyAttempt);
                assertThat(error).hasMessageContaining("Incorrect API key provided");
            });
        });
        assertThat(stepPaths(result.record())).containsExactly("first", "second");
        assertKeptAnswer(result, "first", QWEN_72B, "novita");
        assertThat(lines(step(result, "second").attempts())).containsExactlyElementsOf(everyAttempt);
        assertThat(rig.requestsPerModel()).containsExactly(entry(QWEN_72B, 4L), entry(QWEN_7B, 1L), entry(GPT, 1L));
        assertThat(rig.fallbacks()).containsExactly(
                secondStepFellBack("HTTP 500 from novita"),
                "second: hf:Qwen/Qwen2.5-7B-Instruct -> openai:gpt-4o-mini (HTTP 402 from hf-inference)");
    }
}
