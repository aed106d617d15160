package dev.detour.engine.temporal;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A model whose call waits until it is interrupted, and says whether it was. */
final class BlockingModel implements ModelPort {

    private final CountDownLatch called = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        called.countDown();
        try {
            new CountDownLatch(1).await(1, TimeUnit.MINUTES);
            throw new IllegalStateException("the call was never interrupted");
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw new CancellationException("interrupted while answering");
        }
    }

    void awaitCall() {
        try {
            if (!called.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no call arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean interrupted() throws InterruptedException {
        return interrupted.await(20, TimeUnit.SECONDS);
    }
}
