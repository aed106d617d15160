package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A virtual calling thread runs its call itself, with no second thread, and an interrupt still ends it:
 * the call is cancelled, its connection closed rather than reused, its slot given back.
 */
class CallingThreadTest {

    private static final Instant LATER = Instant.now().plus(Duration.ofHours(1));

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void aVirtualCallerSendsTheRequestAndReadsTheAnswerOnItsOwnThread() throws Exception {
        loopback.enqueue(Loopback.json(200, "{\"answer\":42}"));
        HttpTransport transport = loopback.transport();
        ThreadRecordingBody body = new ThreadRecordingBody();
        RecordingReader reader = new RecordingReader();

        Caller caller = Caller.virtual(() -> transport.exchange("test:model", post(transport, body),
                Optional.empty(), reader));

        assertThat(caller.answer()).isEqualTo("{\"answer\":42}");
        assertThat(body.writer.get()).as("the thread that wrote the request").isSameAs(caller.thread);
        assertThat(reader.threads).containsOnly(caller.thread.getName());
    }

    @Test
    void aPlatformCallerHasAClientThreadSendTheRequestAndStillReadsTheAnswerItself() throws Exception {
        loopback.enqueue(Loopback.json(200, "{}"));
        HttpTransport transport = loopback.transport();
        ThreadRecordingBody body = new ThreadRecordingBody();
        RecordingReader reader = new RecordingReader();

        String answer = transport.exchange("test:model", post(transport, body), Optional.empty(), reader);

        assertThat(answer).isEqualTo("{}");
        assertThat(body.writer.get().isVirtual()).as("the request was written on a virtual client thread").isTrue();
        assertThat(reader.threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void aVirtualCallerReadsAStreamEventByEventAndItsDoneReleasesTheConnection() throws Exception {
        loopback.enqueue(Loopback.sse("data: one\n\ndata:two\n\ndata: [DONE]\n\n"));
        loopback.enqueue(Loopback.json(200, "{}"));
        HttpTransport transport = loopback.transport();

        assertThat(Caller.virtual(() -> Loopback.exchange(transport)).answer()).isEqualTo("one|two");
        assertThat(Caller.virtual(() -> Loopback.exchange(transport)).answer()).isEqualTo("{}");

        assertThat(loopback.takeRequest().getConnectionIndex()).isZero();
        assertThat(loopback.takeRequest().getConnectionIndex()).as("the connection was reused").isZero();
    }

    @Test
    void interruptingAVirtualCallerOnTheWireCancelsTheCallClosesItsConnectionAndFreesItsSlot() throws Exception {
        loopback.enqueue(Loopback.json(200, "{}").onResponseStart(SocketEffect.Stall.INSTANCE));
        loopback.enqueue(Loopback.json(200, "{\"after\":true}"));
        HttpTransport transport = loopback.transport(Loopback.withMaxConcurrentCalls(1));
        Caller caller = Caller.virtual(() -> Loopback.exchange(transport));

        loopback.takeRequest();
        caller.thread.interrupt();

        assertThat(caller.thrown()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
        assertThat(caller.stillInterrupted).as("the interrupt flag was kept").isTrue();
        assertThat(Caller.virtual(() -> Loopback.exchange(transport)).answer())
                .as("the next call, which needs the only slot").isEqualTo("{\"after\":true}");
        assertThat(loopback.takeRequest().getConnectionIndex()).as("the cancelled call's connection was not reused")
                .isEqualTo(1);
    }

    @Test
    void interruptingAVirtualCallerPartWayThroughAStreamCancelsIt() throws Exception {
        String firstEvent = "data: Deep\n\n";
        loopback.enqueue(Loopback.sse(firstEvent + ":" + " ".repeat(1000) + "\n\n")
                .throttleBody(firstEvent.length(), 30, TimeUnit.SECONDS));
        HttpTransport transport = loopback.transport();
        RecordingReader reader = new RecordingReader();
        Caller caller = Caller.virtual(() -> transport.exchange("test:model", Loopback.post(transport),
                Optional.empty(), reader));

        assertThat(reader.firstEvent.await(10, TimeUnit.SECONDS)).as("the first event arrived").isTrue();
        caller.thread.interrupt();

        assertThat(caller.thrown()).isInstanceOf(CancellationException.class);
    }

    @Test
    void interruptingAVirtualCallerWaitingForASlotSendsNothingAndTheQueueMovesOn() throws Exception {
        HeldResponses held = new HeldResponses(Loopback.json(200, "{\"ok\":true}").build());
        loopback.server.setDispatcher(held);
        ManualDeadlines deadlines = new ManualDeadlines();
        HttpTransport transport = loopback.transport(Loopback.withMaxConcurrentCalls(1), Credential.none(), deadlines);
        Caller first = Caller.virtual(() -> Loopback.exchange(transport, LATER));
        held.awaitArrivals(1);
        Caller waiting = Caller.virtual(() -> Loopback.exchange(transport, LATER));
        deadlines.awaitPending(2);

        waiting.thread.interrupt();
        Throwable thrown = waiting.thrown();
        held.releaseAll();

        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(waiting.stillInterrupted).isTrue();
        assertThat(first.answer()).isEqualTo("{\"ok\":true}");
        assertThat(Caller.virtual(() -> Loopback.exchange(transport, LATER)).answer()).isEqualTo("{\"ok\":true}");
        assertThat(held.arrived()).as("requests that reached the server: never the interrupted one").isEqualTo(2);
        assertThat(deadlines.pendingCount()).as("deadlines left pending").isZero();
    }

    @Test
    void aThreadsCallsOneAfterAnotherKeepToTheFirstSlotsConnectionWhenTheProviderAllowsThousandsAtOnce()
            throws Exception {
        for (int call = 0; call < 3; call++) {
            loopback.enqueue(Loopback.json(200, "{}"));
        }
        HttpTransport transport = loopback.transport(Loopback.withMaxConcurrentCalls(5_000));

        assertThat(Caller.virtual(() -> Loopback.exchange(transport) + Loopback.exchange(transport)
                + Loopback.exchange(transport)).answer()).isEqualTo("{}{}{}");

        for (int call = 0; call < 3; call++) {
            assertThat(loopback.takeRequest().getConnectionIndex()).as("connection of call %d", call).isZero();
        }
    }

    @Test
    void callsOneAfterAnotherFromDifferentThreadsShareOnePooledConnectionWhenTheProviderAllowsThousandsAtOnce()
            throws Exception {
        HttpTransport transport = loopback.transport(Loopback.withMaxConcurrentCalls(5_000));
        for (int call = 0; call < 4; call++) {
            loopback.enqueue(Loopback.json(200, "{}"));
            assertThat(Caller.virtual(() -> Loopback.exchange(transport)).answer()).isEqualTo("{}");
        }

        for (int call = 0; call < 4; call++) {
            assertThat(loopback.takeRequest().getConnectionIndex()).as("connection of call %d", call).isZero();
        }
    }

    private static Request post(HttpTransport transport, RequestBody body) {
        return new Request.Builder().url(transport.baseUrl().resolve("chat/completions")).post(body).build();
    }

    /** A request body that remembers which thread wrote it to the socket. */
    private static final class ThreadRecordingBody extends RequestBody {
        final AtomicReference<Thread> writer = new AtomicReference<>();

        @Override
        public MediaType contentType() {
            return MediaType.get("application/json");
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            writer.set(Thread.currentThread());
            sink.writeUtf8("{}");
        }
    }

    /** One exchange on a virtual thread of its own, with what it returned or threw. */
    private static final class Caller {
        final Thread thread;
        private final AtomicReference<String> answer = new AtomicReference<>();
        private final AtomicReference<Throwable> thrown = new AtomicReference<>();
        private volatile boolean stillInterrupted;

        private Caller(java.util.concurrent.Callable<String> exchange) {
            thread = Thread.ofVirtual().name("test-caller").start(() -> {
                try {
                    answer.set(exchange.call());
                } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted = Thread.currentThread().isInterrupted();
                }
            });
        }

        static Caller virtual(java.util.concurrent.Callable<String> exchange) {
            return new Caller(exchange);
        }

        String answer() throws InterruptedException {
            assertThat(thread.join(Duration.ofSeconds(10))).as("the call ended").isTrue();
            assertThat(thrown.get()).isNull();
            return answer.get();
        }

        Throwable thrown() throws InterruptedException {
            assertThat(thread.join(Duration.ofSeconds(10))).as("the call ended").isTrue();
            assertThat(thrown.get()).as("what the call threw").isNotNull();
            return thrown.get();
        }
    }
}
