package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** A MockWebServer dispatcher that holds every request until the test releases them all. */
final class HeldResponses extends Dispatcher {

    private final MockResponse response;
    private final Semaphore arrivals = new Semaphore(0);
    private final AtomicInteger arrived = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    HeldResponses(MockResponse response) {
        this.response = response;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrived.incrementAndGet();
        arrivals.release();
        released.await();
        return response;
    }

    /** Waits until {@code count} more requests have arrived. */
    void awaitArrivals(int count) throws InterruptedException {
        assertThat(arrivals.tryAcquire(count, 10, TimeUnit.SECONDS)).as("%d requests arrived", count).isTrue();
    }

    int arrived() {
        return arrived.get();
    }

    void releaseAll() {
        released.countDown();
    }
}
