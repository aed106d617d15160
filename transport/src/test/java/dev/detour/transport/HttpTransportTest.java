package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One exchange: what the reader is given, on which thread, and how a call ends early. */
class HttpTransportTest {

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void givesTheReaderAPlainBodyWholeOnTheCallingThread() {
        loopback.enqueue(Loopback.json(200, "{\"answer\":42}"));
        HttpTransport transport = loopback.transport();
        RecordingReader reader = new RecordingReader();

        String answer = transport.exchange("test:model", Loopback.post(transport), Optional.empty(), reader);

        assertThat(answer).isEqualTo("{\"answer\":42}");
        assertThat(reader.threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void givesTheReaderAnEventStreamEventByEventRecognisedByItsContentType() {
        loopback.enqueue(Loopback.sse("data: one\n\ndata:two\n\n: comment\n\ndata: three\n\n"));

        assertThat(Loopback.exchange(loopback.transport())).isEqualTo("one|two|three");
    }

    @Test
    void givesTheReaderAnErrorStatusWithItsBody() {
        loopback.enqueue(Loopback.json(500, "{\"error\":\"broken\"}").addHeader("x-request-id", "req-1"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(500);
        assertThat(rejection.head.requestId()).contains("req-1");
        assertThat(rejection.text()).isEqualTo("{\"error\":\"broken\"}");
    }

    @Test
    void aStreamThatSaysItIsCompleteReleasesTheConnectionForTheNextCall() throws Exception {
        loopback.enqueue(Loopback.sse("data: one\n\ndata: [DONE]\n\n"));
        loopback.enqueue(Loopback.json(200, "{}"));
        HttpTransport transport = loopback.transport();

        assertThat(Loopback.exchange(transport)).isEqualTo("one");
        assertThat(Loopback.exchange(transport)).isEqualTo("{}");

        assertThat(loopback.takeRequest().getConnectionIndex()).isZero();
        assertThat(loopback.takeRequest().getConnectionIndex()).isZero();
    }

    @Test
    void readsTheProvidersRetryInstructionAndRequestIdFromTheHead() {
        loopback.enqueue(Loopback.json(503, "").addHeader("x-should-retry", "false").addHeader("x-request-id", " "));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.shouldRetry()).contains(false);
        assertThat(rejection.head.requestId()).as("a blank request id").isEmpty();
    }

    @Test
    void interruptingTheCallingThreadCancelsTheCallAndKeepsTheInterruptFlag() throws Exception {
        loopback.enqueue(Loopback.json(200, "{}").onResponseStart(SocketEffect.Stall.INSTANCE));
        HttpTransport transport = loopback.transport();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                Loopback.exchange(transport);
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });

        loopback.takeRequest();
        caller.interrupt();

        assertThat(caller.join(Duration.ofSeconds(10))).as("the call returned after the interrupt").isTrue();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void interruptingTheCallingThreadCancelsAStreamPartWay() throws Exception {
        String firstEvent = "data: Deep\n\n";
        loopback.enqueue(Loopback.sse(firstEvent + ":" + " ".repeat(1000) + "\n\n")
                .throttleBody(firstEvent.length(), 30, TimeUnit.SECONDS));
        HttpTransport transport = loopback.transport();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        RecordingReader reader = new RecordingReader();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                transport.exchange("test:model", Loopback.post(transport), Optional.empty(), reader);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });

        assertThat(reader.firstEvent.await(10, TimeUnit.SECONDS)).as("the first event arrived").isTrue();
        caller.interrupt();

        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void anAlreadyInterruptedThreadSendsNothing() {
        HttpTransport transport = loopback.transport();
        Thread.currentThread().interrupt();
        Throwable thrown;
        try {
            Loopback.exchange(transport);
            thrown = null;
        } catch (Throwable t) {
            thrown = t;
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag was kept").isTrue();
        }

        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(loopback.server.getRequestCount()).isZero();
    }

    @Test
    void aClosedTransportRefusesNewCallsClearly() {
        HttpTransport transport = loopback.transport();
        transport.close();

        assertThatIllegalStateException().isThrownBy(() -> Loopback.exchange(transport))
                .withMessageContaining("closed");
    }

    @Test
    void aCallOfTheCallFactoryCarriesItsRequestToExchangeAndCannotBeSentItself() {
        loopback.enqueue(Loopback.json(200, "{\"answer\":42}"));
        HttpTransport transport = loopback.transport();
        Call call = transport.callFactory().newCall(Loopback.post(transport));

        assertThatThrownBy(call::execute).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("HttpTransport.exchange");
        assertThatThrownBy(() -> call.enqueue(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(loopback.server.getRequestCount()).as("requests sent by the call itself").isZero();
        assertThat(transport.exchange("test:model", call.request(), Optional.empty(), new RecordingReader()))
                .isEqualTo("{\"answer\":42}");
    }

    @Test
    void theBaseUrlEndsWithASlashSoPathsResolveBelowIt() {
        assertThat(loopback.transport().baseUrl().encodedPath()).isEqualTo("/v1/");
    }
}
