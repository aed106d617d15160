package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import org.junit.jupiter.api.Test;

/** The order of evidence: the provider's code, then its type, then the status, then its words. */
class ErrorClassifierTest {

    private static ErrorBody error(String message, String code, String type) {
        return new ErrorBody(message, code, type, null, null);
    }

    @Test
    void theCodeWinsOverTheStatus() {
        assertThat(ErrorClassifier.classify(500, error("too long", "context_length_exceeded", "server_error")))
                .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(ErrorClassifier.classify(429, error("quota", "insufficient_quota", "insufficient_quota")))
                .isEqualTo(ErrorKind.QUOTA_EXCEEDED);
    }

    @Test
    void theTypeWinsOverTheStatusWhenThereIsNoCode() {
        assertThat(ErrorClassifier.classify(429, error("You exceeded your current quota", null, "insufficient_quota")))
                .isEqualTo(ErrorKind.QUOTA_EXCEEDED);
    }

    @Test
    void aGenericTypeLeavesTheDecisionToTheStatus() {
        assertThat(ErrorClassifier.classify(401, error("bad key", null, "invalid_request_error")))
                .isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(ErrorClassifier.classify(400, error("bad value", null, "invalid_request_error")))
                .isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void theWordsDecideOnlyWhenCodeTypeAndStatusDoNot() {
        assertThat(ErrorClassifier.classify(400, error("This model's maximum context length is 8192 tokens", null, null)))
                .isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(ErrorClassifier.classify(503, error("maximum context length", null, null)))
                .isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    }

    @Test
    void anErrorWithoutStatusUsesTheStatusItCarriesElseDefaultsToProviderUnavailable() {
        assertThat(ErrorClassifier.classify(null, new ErrorBody("bad stop", null, "BadRequestError", null, 400)))
                .isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(ErrorClassifier.classify(null, ErrorBody.ofText("something broke")))
                .isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(ErrorClassifier.classify(200, ErrorBody.ofText("Rate limit reached, slow down")))
                .isEqualTo(ErrorKind.RATE_LIMITED);
    }

    @Test
    void mapsEveryStatusOfDesignSectionThree() {
        assertThat(ErrorClassifier.classify(401, ErrorBody.NONE)).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(ErrorClassifier.classify(403, ErrorBody.NONE)).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(ErrorClassifier.classify(402, ErrorBody.NONE)).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(ErrorClassifier.classify(404, ErrorBody.NONE)).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(ErrorClassifier.classify(410, ErrorBody.NONE)).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(ErrorClassifier.classify(408, ErrorBody.NONE)).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(ErrorClassifier.classify(409, ErrorBody.NONE)).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(ErrorClassifier.classify(413, ErrorBody.NONE)).isEqualTo(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
        assertThat(ErrorClassifier.classify(429, ErrorBody.NONE)).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(ErrorClassifier.classify(422, ErrorBody.NONE)).isEqualTo(ErrorKind.INVALID_REQUEST);
        for (int status : new int[] {500, 502, 503, 504, 520, 529}) {
            assertThat(ErrorClassifier.classify(status, ErrorBody.NONE)).as("HTTP %d", status)
                    .isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        }
    }

    @Test
    void aClientErrorTheTableDoesNotNameFallsBackWithoutRetry() {
        for (int status : new int[] {405, 418, 424, 451}) {
            ErrorKind kind = ErrorClassifier.classify(status, ErrorBody.NONE);
            assertThat(kind.retrySameModel()).as("HTTP %d retried", status).isFalse();
            assertThat(kind.fallBack()).as("HTTP %d falls back", status).isTrue();
        }
    }
}
