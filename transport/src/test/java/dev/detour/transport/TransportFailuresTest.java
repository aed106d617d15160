package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each way an exchange itself fails, as the kind of DESIGN §3 and a detail that says what to change. */
class TransportFailuresTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void aRefusedConnectionIsProviderUnavailableNamingTheHost() throws IOException {
        URI closed;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start(InetAddress.getLoopbackAddress(), 0);
            closed = gone.url("/v1").uri();
        }
        HttpTransport transport = new HttpTransport("test", closed, Loopback.GENEROUS, Credential.none(),
                new ManualDeadlines());
        try (transport) {
            TransportFailure failure = Loopback.failureOf(transport);

            assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
            assertThat(failure.head()).isEmpty();
            assertThat(failure.detail()).contains("cannot connect to " + closed.getHost()).contains("is the server running");
        }
    }

    @Test
    void aServerSilentBeyondTheReadTimeoutIsATimeoutNamingThatTimeout() {
        loopback.enqueue(Loopback.json(200, "{}").onResponseStart(SocketEffect.Stall.INSTANCE));

        TransportFailure failure = Loopback.failureOf(loopback.transport(
                Loopback.withTimeouts(Duration.ofSeconds(5), SHORT, Duration.ofSeconds(30))));

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.head()).isEmpty();
        assertThat(failure.detail()).contains("or sent no answer").contains("read timeout of 300 ms");
    }

    @Test
    void aStreamThatStallsBeyondTheReadTimeoutIsATimeoutWithItsStatus() {
        loopback.enqueue(Loopback.sse("data: one\n\n" + ":" + " ".repeat(1000) + "\n\n")
                .throttleBody(200, 60, TimeUnit.SECONDS));

        TransportFailure failure = Loopback.failureOf(loopback.transport(
                Loopback.withTimeouts(Duration.ofSeconds(5), SHORT, Duration.ofSeconds(30))));

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.head()).map(HttpHead::status).contains(200);
        assertThat(failure.detail()).contains("sent nothing more of its answer").contains("read timeout of 300 ms");
    }

    @Test
    void aCallLongerThanTheCallTimeoutIsATimeoutEvenWhileBytesKeepComing() {
        loopback.enqueue(Loopback.sse("data: chunk\n\n".repeat(200)).throttleBody(64, 50, TimeUnit.MILLISECONDS));

        TransportFailure failure = Loopback.failureOf(loopback.transport(
                Loopback.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), SHORT)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.detail()).contains("call timeout of 300 ms");
    }

    @Test
    void aCallLongerThanTheCallTimeoutIsATimeoutEvenWhenTheCallersDeadlineIsLater() {
        loopback.enqueue(Loopback.sse("data: chunk\n\n".repeat(200)).throttleBody(64, 50, TimeUnit.MILLISECONDS));
        HttpTransport transport = loopback.transport(Loopback.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
                SHORT));

        TransportFailure failure;
        try {
            Loopback.exchange(transport, Instant.now().plus(Duration.ofHours(1)));
            throw new AssertionError("the call succeeded");
        } catch (RecordingReader.Failure e) {
            failure = e.failure;
        }

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.detail()).contains("call timeout of 300 ms");
    }

    @Test
    void aCallersDeadlineSoonerThanTheCallTimeoutIsWhatBoundsTheCallNotTheCallTimeoutToo() {
        String body = "{\"answer\":\"" + "x".repeat(200) + "\"}";
        loopback.enqueue(Loopback.json(200, body).throttleBody(16, 200, TimeUnit.MILLISECONDS));
        Duration callTimeout = Duration.ofSeconds(2);
        HttpTransport transport = loopback.transport(Loopback.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
                callTimeout));

        String answer = Loopback.exchange(transport, Instant.now().plus(callTimeout));

        assertThat(answer).as("the whole body, sent over longer than the call timeout; the deadline, which only"
                + " the test can let pass, was never let pass").isEqualTo(body);
    }

    @Test
    void aConnectionDroppedBeforeTheResponseIsProviderUnavailableWithoutStatus() {
        loopback.enqueue(Loopback.json(200, "{}").onResponseStart(SocketEffect.ShutdownConnection.INSTANCE));

        TransportFailure failure = Loopback.failureOf(loopback.transport());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.head()).isEmpty();
    }

    @Test
    void aConnectionDroppedInTheMiddleOfTheBodyIsProviderUnavailableWithItsStatus() {
        loopback.enqueue(Loopback.json(200, "{\"answer\":\"" + "x".repeat(10_000) + "\"}")
                .onResponseBody(new SocketEffect.CloseSocket(true, true, true)));

        TransportFailure failure = Loopback.failureOf(loopback.transport());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.head()).map(HttpHead::status).contains(200);
        assertThat(failure.detail()).contains("part-way");
    }

    @Test
    void aFailureBecomesTheModelCallExceptionOfItsKindWithStatusDetailAndCause() {
        loopback.enqueue(Loopback.json(200, "{\"answer\":\"" + "x".repeat(10_000) + "\"}")
                .onResponseBody(new SocketEffect.CloseSocket(true, true, true)));

        ModelCallException exception = Loopback.failureOf(loopback.transport())
                .builder(ModelRef.of("test", "model")).build();

        assertThat(exception.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(exception.httpStatus()).hasValue(200);
        assertThat(exception.detail()).contains("part-way");
        assertThat(exception.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void aFailureBecomesTheSearchFailureOfItsKindWithStatusDetailAndCause() {
        loopback.enqueue(Loopback.json(200, "{\"answer\":\"" + "x".repeat(10_000) + "\"}")
                .onResponseBody(new SocketEffect.CloseSocket(true, true, true)));

        SearchFailedException exception = Loopback.failureOf(loopback.transport()).searchBuilder("pubmed").build();

        assertThat(exception.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(exception.source()).isEqualTo("pubmed");
        assertThat(exception.httpStatus()).hasValue(200);
        assertThat(exception.detail()).contains("part-way");
        assertThat(exception.getCause()).isInstanceOf(IOException.class);
    }
}
