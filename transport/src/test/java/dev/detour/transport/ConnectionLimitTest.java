package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider never holds more connections than its {@code max-concurrent-calls}, however its calls are
 * spread over threads and over time, so that a provider sized to the open-file limit stays within it.
 */
class ConnectionLimitTest {

    private static final int MAX_CONCURRENT_CALLS = ClientShards.CALLS_PER_SHARD + 1;

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void wavesOfVirtualCallersReuseTheConnectionsOfTheWavesBefore() throws Exception {
        assertTwoWavesOpenNoMoreConnectionsThanSlots(Thread.ofVirtual());
    }

    @Test
    void wavesOfPlatformCallersReuseTheConnectionsOfTheWavesBefore() throws Exception {
        assertTwoWavesOpenNoMoreConnectionsThanSlots(Thread.ofPlatform());
    }

    private void assertTwoWavesOpenNoMoreConnectionsThanSlots(Thread.Builder threads) throws Exception {
        HttpTransport transport = loopback.transport(Loopback.withMaxConcurrentCalls(MAX_CONCURRENT_CALLS));
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        for (int wave = 0; wave < 2; wave++) {
            HeldResponses held = new HeldResponses(Loopback.json(200, "{}").build());
            loopback.server.setDispatcher(held);
            List<Thread> callers = callers(threads, MAX_CONCURRENT_CALLS, wave, () -> {
                try {
                    Loopback.exchange(transport);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            callers.forEach(Thread::start);
            held.awaitArrivals(MAX_CONCURRENT_CALLS);
            held.releaseAll();
            for (Thread caller : callers) {
                assertThat(caller.join(Duration.ofSeconds(30))).as("the call ended").isTrue();
            }
        }

        assertThat(failures).isEmpty();
        int connections = 0;
        for (int request = 0; request < 2 * MAX_CONCURRENT_CALLS; request++) {
            connections = Math.max(connections, loopback.takeRequest().getConnectionIndex() + 1);
        }
        assertThat(connections).as("connections opened for two waves of %d calls at once", MAX_CONCURRENT_CALLS)
                .isEqualTo(MAX_CONCURRENT_CALLS);
    }

    /**
     * {@code count} unstarted callers whose thread ids have the parity of {@code wave}: one wave's threads
     * all differ in that from the other's.
     */
    private static List<Thread> callers(Thread.Builder threads, int count, int wave, Runnable call) {
        List<Thread> callers = new ArrayList<>(count);
        while (callers.size() < count) {
            Thread thread = threads.name("caller-" + wave).unstarted(call);
            if (thread.threadId() % 2 == wave) {
                callers.add(thread);
            }
        }
        return callers;
    }
}
