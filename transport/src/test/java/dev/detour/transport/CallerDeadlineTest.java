package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's deadline bounds the whole call: the time on the wire and the time spent waiting in the
 * dispatcher's queue for one of the provider's {@code max-concurrent-calls} slots. The server holds every
 * response until the test releases it, and each deadline passes when the test says so.
 */
class CallerDeadlineTest {

    private static final Instant LATER = Instant.now().plus(Duration.ofHours(1));

    private final Loopback loopback = new Loopback();
    private final HeldResponses held = new HeldResponses(Loopback.json(200, "{\"ok\":true}").build());
    private final ManualDeadlines deadlines = new ManualDeadlines();
    private final HttpTransport transport = loopback.transport(Loopback.withMaxConcurrentCalls(2),
            Credential.none(), deadlines);

    CallerDeadlineTest() {
        loopback.server.setDispatcher(held);
    }

    @AfterEach
    void close() {
        held.releaseAll();
        loopback.close();
    }

    @Test
    void fourCallsAtALimitOfTwoAllEndWhenTheirDeadlinesPassEvenThoseStillQueued() throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(Caller.start(transport, LATER));
        callers.add(Caller.start(transport, LATER));
        held.awaitArrivals(2);
        callers.add(Caller.start(transport, LATER));
        callers.add(Caller.start(transport, LATER));
        deadlines.awaitPending(4);

        deadlines.expireLatest();
        deadlines.expireLatest();
        deadlines.expireAll();

        List<String> details = new ArrayList<>();
        for (Caller caller : callers) {
            TransportFailure failure = caller.failure();
            assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
            details.add(failure.detail());
        }
        assertThat(details).filteredOn(detail -> detail.contains("finished answering")).hasSize(2);
        assertThat(details).filteredOn(detail -> detail.contains("waited for one of the 2 concurrent-call slots"))
                .hasSize(2).allMatch(detail -> detail.contains("nothing was sent"));
        assertThat(held.arrived()).as("requests that reached the server").isEqualTo(2);
    }

    @Test
    void aQueuedCallEndsAtItsDeadlineUnsentWhileTheCallsAheadOfItStillAnswer() throws Exception {
        Caller first = Caller.start(transport, LATER);
        held.awaitArrivals(1);
        Caller second = Caller.start(transport, LATER);
        held.awaitArrivals(1);
        Caller queued = Caller.start(transport, LATER);
        deadlines.awaitPending(3);

        deadlines.expireLatest();
        TransportFailure failure = queued.failure();
        held.releaseAll();

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.head()).isEmpty();
        assertThat(failure.detail()).contains("max-concurrent-calls").contains("nothing was sent");
        assertThat(first.answer()).isEqualTo("{\"ok\":true}");
        assertThat(second.answer()).isEqualTo("{\"ok\":true}");
        assertThat(Loopback.exchange(transport)).as("a later call").isEqualTo("{\"ok\":true}");
        assertThat(held.arrived()).as("requests that reached the server: the queued one never did").isEqualTo(3);
    }

    @Test
    void aCallThatAnswersBeforeItsDeadlineReturnsTheAnswerAndDropsTheDeadline() throws Exception {
        held.releaseAll();

        assertThat(Loopback.exchange(transport, LATER)).isEqualTo("{\"ok\":true}");
        assertThat(deadlines.pendingCount()).as("deadlines left pending").isZero();
    }

    @Test
    void aDeadlineThatHasAlreadyPassedSendsNothing() {
        held.releaseAll();

        TransportFailure failure;
        try {
            Loopback.exchange(transport, Instant.now().minusSeconds(1));
            throw new AssertionError("the call succeeded");
        } catch (RecordingReader.Failure e) {
            failure = e.failure;
        }

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.detail()).contains("nothing was sent");
        assertThat(loopback.server.getRequestCount()).isZero();
    }

    /** One exchange on its own thread, whose transport failure the test collects. */
    private static final class Caller {
        private final Thread thread;
        private final AtomicReference<Throwable> thrown = new AtomicReference<>();
        private final AtomicReference<String> answer = new AtomicReference<>();

        private Caller(HttpTransport transport, Instant deadline) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    answer.set(Loopback.exchange(transport, deadline));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
        }

        static Caller start(HttpTransport transport, Instant deadline) {
            return new Caller(transport, deadline);
        }

        String answer() throws InterruptedException {
            assertThat(thread.join(Duration.ofSeconds(10))).as("the call ended").isTrue();
            assertThat(thrown.get()).isNull();
            return answer.get();
        }

        TransportFailure failure() throws InterruptedException {
            assertThat(thread.join(Duration.ofSeconds(10))).as("the call ended").isTrue();
            assertThat(thrown.get()).isInstanceOf(RecordingReader.Failure.class);
            return ((RecordingReader.Failure) thrown.get()).failure;
        }
    }
}
