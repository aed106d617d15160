package dev.detour.core.testing;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.AnswerRules;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory {@link ModelPort} test double that answers from a script: queued replies first, then a
 * default reply computed from the request. Like every adapter behind the chain, its answers are held to
 * the request's {@link dev.detour.core.model.AnswerRule rules}. It records every request and the most
 * calls that were in flight at once, so tests can assert on parallelism.
 */
public final class ScriptedModelPort implements ModelPort {

    /** One scripted reply: an answer, or a failure to throw. */
    @FunctionalInterface
    public interface Reply {
        ChatResponse answer(ChatRequest request, CallContext context) throws InterruptedException;
    }

    private final ModelRef model;
    private final Deque<Reply> queued = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private Reply fallbackReply;

    public ScriptedModelPort(ModelRef model) {
        this.model = model;
        this.fallbackReply = (request, context) -> text(lastUserMessage(request), 10);
    }

    public static ScriptedModelPort answering(String provider, String modelId) {
        return new ScriptedModelPort(ModelRef.of(provider, modelId));
    }

    /** Queues replies used one per call, before the default reply. */
    public synchronized ScriptedModelPort thenReply(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    /** Sets the reply used once the queue is empty. */
    public synchronized ScriptedModelPort byDefault(Reply reply) {
        this.fallbackReply = reply;
        return this;
    }

    /** Sets the default reply to a text computed from the request, costing {@code tokens} tokens. */
    public ScriptedModelPort byDefault(Function<ChatRequest, String> answer, long tokens) {
        return byDefault((request, context) -> text(answer.apply(request), tokens));
    }

    /** A reply with {@code text} that cost {@code totalTokens}. */
    public ChatResponse text(String text, long totalTokens) {
        return ChatResponse.of(model, text, FinishReason.of("stop"), TokenUsage.of(totalTokens / 2, totalTokens - totalTokens / 2));
    }

    /** A reply that throws {@code failure}. */
    public static Reply failing(RuntimeException failure) {
        return (request, context) -> {
            throw failure;
        };
    }

    /** A reply that sleeps before answering, so calls overlap. */
    public Reply slow(long millis, String text) {
        return (request, context) -> {
            Thread.sleep(millis);
            return text(text, 10);
        };
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Reply reply;
        synchronized (this) {
            requests.add(request);
            reply = queued.isEmpty() ? fallbackReply : queued.poll();
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            return AnswerRules.enforce(request, reply.answer(request, context));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while answering");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public ModelRef model() {
        return model;
    }

    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized int calls() {
        return requests.size();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public static String lastUserMessage(ChatRequest request) {
        return request.messages().get(request.messages().size() - 1).content();
    }
}
