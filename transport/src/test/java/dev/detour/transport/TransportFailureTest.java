package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import java.net.UnknownHostException;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** A transport failure as a model call's failure: a body cut short carries no status, a refusal keeps its own. */
class TransportFailureTest {

    private static final ModelRef MODEL = ModelRef.of("claude", "m-1");
    private static final HttpHead HEAD = new HttpHead(200, Headers.of("request-id", "req_1", "x-request-id", "gw_1"),
            HttpUrl.get("https://api.example.com/v1/messages"));

    @Test
    void aTimeoutOrADroppedConnectionAfterTheHeadCarriesNoStatusButTheRequestId() {
        for (ErrorKind kind : new ErrorKind[] {ErrorKind.TIMEOUT, ErrorKind.PROVIDER_UNAVAILABLE}) {
            ModelCallException failure = new TransportFailure(kind, "the response failed part-way", Optional.of(HEAD),
                    Optional.empty()).modelCallFailure(MODEL, head -> head.requestId("request-id"));

            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.httpStatus()).isEmpty();
            assertThat(failure.requestId()).contains("req_1");
            assertThat(failure.detail()).contains("the response failed part-way");
        }
    }

    @Test
    void aRedirectKeepsItsStatus() {
        HttpHead redirect = new HttpHead(301, Headers.of(), HttpUrl.get("https://api.example.com/v1/messages"));

        ModelCallException failure = new TransportFailure(ErrorKind.MODEL_UNAVAILABLE, "redirects are not followed",
                Optional.of(redirect), Optional.empty()).modelCallFailure(MODEL, HttpHead::requestId);

        assertThat(failure.httpStatus()).hasValue(301);
        assertThat(failure.requestId()).isEmpty();
    }

    @Test
    void anUnresolvedHostIsNotRetriedAndHasNoRequestId() {
        ModelCallException failure = new TransportFailure(ErrorKind.PROVIDER_UNAVAILABLE, "cannot resolve api.example.com",
                Optional.empty(), Optional.of(new UnknownHostException("api.example.com")))
                .modelCallFailure(MODEL, HttpHead::requestId);

        assertThat(failure.shouldRetryOverride()).contains(false);
        assertThat(failure.requestId()).isEmpty();
        assertThat(failure.getCause()).isInstanceOf(UnknownHostException.class);
    }
}
