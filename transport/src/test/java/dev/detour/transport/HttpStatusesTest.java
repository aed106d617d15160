package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The status column of DESIGN §3, the default every adapter refines with its provider's error body. */
class HttpStatusesTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
        "400, INVALID_REQUEST", "422, INVALID_REQUEST",
        "401, AUTHENTICATION_FAILED", "403, AUTHENTICATION_FAILED",
        "402, QUOTA_EXCEEDED",
        "404, MODEL_UNAVAILABLE", "410, MODEL_UNAVAILABLE",
        "408, TIMEOUT",
        "409, PROVIDER_UNAVAILABLE",
        "413, CONTEXT_LENGTH_EXCEEDED",
        "429, RATE_LIMITED",
        "500, PROVIDER_UNAVAILABLE", "502, PROVIDER_UNAVAILABLE", "503, PROVIDER_UNAVAILABLE",
        "504, PROVIDER_UNAVAILABLE", "520, PROVIDER_UNAVAILABLE", "529, PROVIDER_UNAVAILABLE"})
    void mapsEveryStatusTheTableNames(int status, ErrorKind kind) {
        assertThat(HttpStatuses.kind(status)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {405, 418, 421, 424, 425, 451, 499})
    void anotherClientErrorIsNotRetriedButFallsBack(int status) {
        ErrorKind kind = HttpStatuses.kind(status);

        assertThat(kind.retrySameModel()).isFalse();
        assertThat(kind.fallBack()).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 307, 308})
    void aRedirectIsModelUnavailable(int status) {
        assertThat(HttpStatuses.kind(status)).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {501, 505, 530, 599})
    void everyOtherServerErrorIsRetriedAsAProviderFailure(int status) {
        assertThat(HttpStatuses.kind(status)).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {404, 410, 405, 418, 451})
    void aSearchSentWhereNothingIsServedIsAnInvalidRequestNotAMissingModel(int status) {
        assertThat(HttpStatuses.kind(status)).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(HttpStatuses.searchKind(status)).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"400, INVALID_REQUEST", "401, AUTHENTICATION_FAILED", "429, RATE_LIMITED", "503, PROVIDER_UNAVAILABLE"})
    void aSearchReadsEveryOtherStatusAsTheTableDoes(int status, ErrorKind kind) {
        assertThat(HttpStatuses.searchKind(status)).isEqualTo(kind);
    }
}
