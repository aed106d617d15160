package dev.detour.engine.temporal;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose calls answer in groups of {@code parties}: each waits until that many are in flight, so a
 * run that never has that many calls at once times out, and one that has more shows it in {@link #maxInFlight()}.
 */
final class PairingModel implements ModelPort {

    private final CyclicBarrier barrier;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    PairingModel(int parties) {
        this.barrier = new CyclicBarrier(parties);
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            barrier.await(20, TimeUnit.SECONDS);
            String text = request.messages().get(request.messages().size() - 1).content();
            return ChatResponse.of(ModelRef.of("sim", "pairs"), text, FinishReason.of("stop"), TokenUsage.of(1, 1));
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new CancellationException("the calls did not pair up: " + e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    int maxInFlight() {
        return maxInFlight.get();
    }
}
