package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.model.ErrorKind;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every response is read under the same caps, so no body can exhaust memory or hide its status. */
class ResponseSizeLimitTest {

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void aBodyLargerThanTheCapIsAMalformedResponseThatKeepsItsHead() {
        loopback.enqueue(Loopback.json(200, "x".repeat(2048)).addHeader("x-request-id", "big-1"));

        TransportFailure failure = Loopback.failureOf(loopback.transport(Loopback.withMaxResponseBytes(1024)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("larger than the cap of 1024 bytes").contains("max-response-bytes");
        assertThat(failure.head()).flatMap(HttpHead::requestId).contains("big-1");
    }

    @Test
    @Timeout(10)
    void aDeclaredLengthAboveTheCapIsRefusedBeforeAnyByteIsRead() {
        String body = "x".repeat(4096);
        loopback.enqueue(Loopback.json(200, body).throttleBody(100, 60, TimeUnit.SECONDS));

        TransportFailure failure = Loopback.failureOf(loopback.transport(Loopback.withMaxResponseBytes(1024)));

        assertThat(failure.kind()).as("refused at once, not after waiting for the throttled body")
                .isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void aStreamIsCountedOverItsWholeLength() {
        loopback.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .chunkedBody("data: chunk\n\n".repeat(400), 64));

        TransportFailure failure = Loopback.failureOf(loopback.transport(Loopback.withMaxResponseBytes(4096)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("cap of 4096 bytes");
    }

    @Test
    void anErrorBodyIsCutAtTheErrorBodyLimitAndKeepsItsStatus() {
        loopback.enqueue(Loopback.json(503, "{\"error\":\"" + "busy ".repeat(20_000) + "\"}"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(503);
        assertThat(rejection.body).hasSize((int) HttpTransport.ERROR_BODY_LIMIT);
    }

    @Test
    void anErrorBodyIsCutAtTheResponseCapWhenThatIsSmaller() {
        loopback.enqueue(Loopback.json(500, "y".repeat(5000)));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport(Loopback.withMaxResponseBytes(1024))));

        assertThat(rejection.body).hasSize(1024);
    }

    @Test
    void anErrorBodyCutByAClosedConnectionKeepsWhatArrivedAndItsStatus() {
        loopback.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/plain")
                .body(new Buffer().writeUtf8("upstream reset " + "z".repeat(10_000)))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(502);
    }
}
