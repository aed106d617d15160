package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

class TransportTest extends RouterTestSupport {

    private static final String NOVITA = fixture("hf-router-novita-chat-completion.json");

    @Test
    void aRefusedConnectionIsProviderUnavailableNamingThePinnedProvider() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ModelCallException failure = failureOf(port("org/model:novita",
                settings -> settings.withBaseUrl("http://127.0.0.1:" + closedPort)), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.httpStatus()).isEmpty();
        assertThat(failure.inferenceProvider()).contains("novita");
        assertThat(failure.detail()).contains("cannot connect to 127.0.0.1");
    }

    @Test
    void aRouterSilentBeyondTheReadTimeoutIsATimeout() {
        enqueue(json(200, NOVITA).headersDelay(2, TimeUnit.SECONDS));

        ModelCallException failure = failureOf(port("org/model", SHORT_TIMEOUTS), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aStreamThatStallsBeyondTheReadTimeoutIsATimeout() {
        enqueue(sse(fixture("hf-router-novita-stream.sse")).throttleBody(1024, 2, TimeUnit.SECONDS));

        ModelCallException failure = catchFailure(port("org/model", SHORT_TIMEOUTS), true);

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.httpStatus()).hasValue(200);
    }

    @Test
    void aCallLongerThanTheCallTimeoutIsATimeoutEvenWhileBytesKeepComing() {
        enqueue(sse(fixture("hf-router-novita-stream.sse")).throttleBody(64, 50, TimeUnit.MILLISECONDS));

        ModelCallException failure = catchFailure(port("org/model", settings -> settings.withTimeouts(
                Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofMillis(300))), true);

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void aConnectionDroppedBeforeTheResponseIsProviderUnavailable() {
        enqueue(json(200, NOVITA).onResponseStart(SocketEffect.ShutdownConnection.INSTANCE));

        ModelCallException failure = failureOf(port("org/model:together"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.inferenceProvider()).contains("together");
    }

    @Test
    void aConnectionDroppedInTheMiddleOfTheBodyIsProviderUnavailable() {
        enqueue(json(200, NOVITA).onResponseBody(new SocketEffect.CloseSocket(true, true, true)));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.httpStatus()).hasValue(200);
    }

    @Test
    void theRouterGetsExactlyOneRequestPerCallEvenWhenTheConnectionDrops() {
        enqueue(json(200, NOVITA).onResponseStart(SocketEffect.ShutdownConnection.INSTANCE));
        enqueue(json(200, NOVITA));

        failureOf(port("org/model"), question());

        assertThat(server.getRequestCount()).as("no silent retry of a paid POST").isEqualTo(1);
    }

    @Test
    void consecutiveCallsReuseTheConnection() {
        enqueue(json(200, NOVITA));
        enqueue(sse("data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"eos_token\"}]}\n\n"));
        enqueue(json(200, NOVITA));
        ModelPort port = port("org/model");

        port.chat(question());
        port.chat(question().withStream(true));
        port.chat(question());

        assertThat(recorded().getConnectionIndex()).isZero();
        assertThat(recorded().getConnectionIndex()).isZero();
        assertThat(recorded().getConnectionIndex()).isZero();
    }

    @Test
    void aBodyLargerThanTheCapIsAMalformedResponseThatKeepsItsMetadata() {
        enqueue(json(200, NOVITA).addHeader("x-inference-provider", "novita").addHeader("x-request-id", "big-1"));

        ModelCallException failure = failureOf(port("org/model", settings -> settings.withMaxResponseBytes(1024)),
                question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("larger than the cap of 1024 bytes");
        assertThat(failure.inferenceProvider()).contains("novita");
        assertThat(failure.requestId()).contains("big-1");
    }

    @Test
    void aStreamLargerThanTheCapIsAMalformedResponse() {
        enqueue(sse(fixture("hf-router-novita-stream.sse")));

        ModelCallException failure = catchFailure(port("org/model", settings -> settings.withMaxResponseBytes(4096)), true);

        assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(failure.detail()).contains("cap of 4096 bytes");
    }

    @Test
    void anOversizedErrorBodyKeepsItsStatusAndKind() {
        enqueue(json(503, "{\"error\":\"" + "busy ".repeat(20_000) + "\"}"));

        ModelCallException failure = failureOf(port("org/model", settings -> settings.withMaxResponseBytes(1024)),
                question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(failure.httpStatus()).hasValue(503);
    }

    @Test
    void interruptingTheCallingThreadCancelsTheCallAndKeepsTheInterruptFlag() throws InterruptedException {
        enqueue(json(200, NOVITA).headersDelay(30, TimeUnit.SECONDS));
        ModelPort port = port("org/model", settings -> settings.withTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                port.chat(question());
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });

        caller.start();
        recorded();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(caller.isAlive()).as("the call returned after the interrupt").isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class).isNotInstanceOf(ModelCallException.class)
                .hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void interruptingTheCallingThreadCancelsAStreamPartWay() throws InterruptedException {
        String firstEvent = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Deep\"},\"finish_reason\":null}]}\n\n";
        int headersAndFirstEvent = 200 + firstEvent.length();
        enqueue(sse(firstEvent + ":" + " ".repeat(1000) + "\n\n")
                .throttleBody(headersAndFirstEvent, 30, TimeUnit.SECONDS));
        ModelPort port = port("org/model", settings -> settings.withTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60)));
        CountDownLatch firstDelta = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                port.chat(question().withStream(true), CallContext.none().withStreamListener(delta -> firstDelta.countDown()));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });

        caller.start();
        assertThat(firstDelta.await(10, TimeUnit.SECONDS)).as("the first delta arrived").isTrue();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void anAlreadyInterruptedThreadSendsNothing() {
        ModelPort port = port("org/model");
        Thread.currentThread().interrupt();
        Throwable thrown;
        try {
            port.chat(question());
            thrown = null;
        } catch (Throwable t) {
            thrown = t;
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag was kept").isTrue();
        }

        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aClosedProviderRefusesNewCallsClearly() {
        HuggingFaceProvider provider = HuggingFaceProvider.create(settings());
        ModelPort port = provider.model("org/model");
        provider.close();

        assertThatIllegalStateException().isThrownBy(() -> port.chat(question())).withMessageContaining("closed");
        assertThatIllegalStateException().isThrownBy(() -> provider.model("org/other")).withMessageContaining("closed");
    }

    private static ModelCallException catchFailure(ModelPort port, boolean stream) {
        try {
            port.chat(question().withStream(stream), CallContext.none());
        } catch (ModelCallException e) {
            assertThat(e.getMessage()).doesNotContain(TOKEN);
            return e;
        }
        throw new AssertionError("the call succeeded");
    }
}
