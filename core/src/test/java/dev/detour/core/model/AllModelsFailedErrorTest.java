package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllModelsFailedErrorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelRef QWEN_72B = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");
    private static final ModelRef LLAMA = ModelRef.parse("hf:meta-llama/Llama-3.3-70B-Instruct");
    private static final ModelRef GPT = ModelRef.parse("openai:gpt-4o-mini");

    @Test
    void rendersOneLinePerAttemptAndAHintPerKindOfFailure() {
        List<Attempt> attempts = List.of(
                Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN_72B)
                        .httpStatus(500).inferenceProvider("novita").detail("Internal Server Error").build(),
                        0, T0, Duration.ofMillis(312)),
                Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN_72B)
                        .httpStatus(500).inferenceProvider("novita").detail("Internal Server Error").build(),
                        1, T0, Duration.ofMillis(1250)),
                Attempt.failed(ModelCallException.builder(ErrorKind.AUTHENTICATION_FAILED, LLAMA)
                        .httpStatus(401).inferenceProvider("hyperbolic").detail("staging mode").build(),
                        0, T0, Duration.ofMillis(90)),
                Attempt.skipped(GPT, SkipReason.CIRCUIT_OPEN, null, T0));

        AllModelsFailedError error = new AllModelsFailedError(attempts, null);

        assertThat(error.getMessage()).isEqualTo("""
                All 3 models of the chain failed (4 attempts):
                  1. hf:Qwen/Qwen2.5-72B-Instruct via novita, try 1: ProviderUnavailable, HTTP 500, 312 ms: Internal Server Error
                  2. hf:Qwen/Qwen2.5-72B-Instruct via novita, try 2: ProviderUnavailable, HTTP 500, 1.3 s: Internal Server Error
                  3. hf:meta-llama/Llama-3.3-70B-Instruct via hyperbolic, try 1: AuthenticationFailed, HTTP 401, 90 ms: staging mode
                  4. openai:gpt-4o-mini: skipped (circuit open)
                What to do:
                  - ProviderUnavailable: %s
                  - AuthenticationFailed: %s
                  - circuit open: the model failed repeatedly just before; it is tried again once \
                resilience.circuit-breaker.open-for has passed""".formatted(
                ErrorKind.PROVIDER_UNAVAILABLE.hint(), ErrorKind.AUTHENTICATION_FAILED.hint()));
        assertThat(error.kinds()).containsExactly(ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.AUTHENTICATION_FAILED);
    }

    @Test
    void holdsAnImmutableCopyOfTheAttempts() {
        List<Attempt> attempts = new java.util.ArrayList<>(List.of(Attempt.skipped(GPT, SkipReason.DEADLINE_REACHED, null, T0)));
        AllModelsFailedError error = new AllModelsFailedError(attempts, null);
        attempts.clear();

        assertThat(error.attempts()).hasSize(1);
        assertThatThrownBy(() -> error.attempts().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnEmptyListOrASucceededAttempt() {
        assertThatThrownBy(() -> new AllModelsFailedError(List.of(), null))
                .hasMessage("attempts must hold at least one attempt, was []");
        assertThatThrownBy(() -> new AllModelsFailedError(
                List.of(Attempt.succeeded(GPT, "openai", 0, T0, Duration.ZERO)), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesAttemptsInAFewWordsForFallbackNotes() {
        Attempt failed = Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN_72B)
                .httpStatus(500).inferenceProvider("novita").build(), 0, T0, Duration.ofMillis(5));
        Attempt timedOut = Attempt.failed(ModelCallException.builder(ErrorKind.TIMEOUT, GPT).build(), 0, T0, Duration.ofSeconds(60));

        assertThat(failed.shortReason()).isEqualTo("HTTP 500 from novita");
        assertThat(timedOut.shortReason()).isEqualTo("Timeout from openai");
        assertThat(Attempt.skipped(GPT, SkipReason.CIRCUIT_OPEN, null, T0).shortReason()).isEqualTo("circuit open");
    }

    @Test
    void namesTheKindNotTheStatusOfAFailureInsideAnHttp200() {
        Attempt cutOff = Attempt.failed(ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, QWEN_72B)
                .httpStatus(200).inferenceProvider("novita").detail("the stream ended before a finish reason").build(),
                0, T0, Duration.ofMillis(40));

        assertThat(cutOff.shortReason()).isEqualTo("MalformedResponse from novita");
        assertThat(cutOff.describe()).contains("try 1: MalformedResponse, HTTP 200");
    }
}
