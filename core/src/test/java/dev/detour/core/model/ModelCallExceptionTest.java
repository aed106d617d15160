package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelCallExceptionTest {

    private static final ModelRef QWEN = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void buildsTheSubclassOfEachKind(ErrorKind kind) {
        ModelCallException failure = ModelCallException.builder(kind, QWEN).build();

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.getClass().getSimpleName()).startsWith(
                kind == ErrorKind.TIMEOUT ? "ModelTimeout" : kind.displayName());
    }

    @Test
    void followsTheDispositionsOfTheDesignTable() {
        assertThat(EnumSet.allOf(ErrorKind.class).stream().filter(ErrorKind::retrySameModel))
                .containsExactlyInAnyOrder(ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.TIMEOUT, ErrorKind.RATE_LIMITED,
                        ErrorKind.MALFORMED_RESPONSE);
        assertThat(ErrorKind.MALFORMED_RESPONSE.retry()).isEqualTo(ErrorKind.Retry.ONCE);
        assertThat(EnumSet.allOf(ErrorKind.class).stream().filter(kind -> !kind.fallBack()))
                .containsExactly(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void saysWhoFailedWithWhatStatusAndTheProvidersWords() {
        ModelCallException failure = ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN)
                .inferenceProvider("novita")
                .httpStatus(500)
                .providerCode("server_error")
                .requestId("Root=1-67b35993")
                .detail("  upstream\n  error ")
                .build();

        assertThat(failure).hasMessage("ProviderUnavailable: HTTP 500 from novita for hf:Qwen/Qwen2.5-72B-Instruct:"
                + " upstream error (provider code server_error) [request id Root=1-67b35993]");
        assertThat(failure.summary()).isEqualTo("HTTP 500 from novita");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.fallBackAllowed()).isTrue();
    }

    @Test
    void namesTheConfiguredProviderWhenTheInferenceProviderIsUnknown() {
        ModelCallException failure = ModelCallException.builder(ErrorKind.TIMEOUT, QWEN).detail("read timed out").build();

        assertThat(failure).hasMessage("Timeout: Timeout from hf for hf:Qwen/Qwen2.5-72B-Instruct: read timed out");
    }

    @Test
    void summarisesAFailureInsideAnHttp200ByItsKindButKeepsTheStatus() {
        ModelCallException failure = ModelCallException.builder(ErrorKind.TIMEOUT, QWEN)
                .inferenceProvider("novita").httpStatus(200).detail("the response timed out").build();

        assertThat(failure.summary()).isEqualTo("Timeout from novita");
        assertThat(failure.httpStatus()).hasValue(200);
    }

    @Test
    void letsTheProvidersRetryInstructionOverrideTheKind() {
        assertThat(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN).shouldRetry(false).build()
                .retryable()).isFalse();
        assertThat(ModelCallException.builder(ErrorKind.AUTHENTICATION_FAILED, QWEN).shouldRetry(true).build()
                .retryable()).isTrue();
    }

    @Test
    void keepsTheRequestedWaitOfARateLimit() {
        ModelCallException failure = ModelCallException.builder(ErrorKind.RATE_LIMITED, QWEN)
                .httpStatus(429).retryAfter(Duration.ofMillis(1500)).build();

        assertThat(failure).isInstanceOfSatisfying(RateLimitedException.class,
                rateLimited -> assertThat(rateLimited.retryAfter()).contains(Duration.ofMillis(1500)));
        assertThat(failure.getMessage()).contains("provider asks to wait 1.5 s");
        assertThat(failure.toBuilder().build()).isInstanceOfSatisfying(RateLimitedException.class,
                copy -> assertThat(copy.retryAfter()).contains(Duration.ofMillis(1500)));
    }

    @Test
    void scrubsCredentialsOutOfTheProvidersWords() {
        ModelCallException failure = ModelCallException.builder(ErrorKind.AUTHENTICATION_FAILED, QWEN)
                .httpStatus(401)
                .detail("Invalid credentials in Authorization header: Bearer hf_FakeRedactionToken0123")
                .build();

        assertThat(failure.getMessage()).doesNotContain("hf_FakeRedactionToken0123").contains("[redacted]");
    }

    @Test
    void trimsALongProviderMessage() {
        ModelCallException failure = ModelCallException.builder(ErrorKind.INVALID_REQUEST, QWEN)
                .detail("x".repeat(5000)).build();

        assertThat(failure.detail()).hasSize(ModelCallException.MAX_DETAIL_LENGTH).endsWith("…");
    }
}
