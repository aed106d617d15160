package dev.detour.engine.temporal;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.research.ResearchPlan;
import dev.detour.core.research.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chain-like {@link ModelPort} that answers the research workflow's prompts: every call first fails on
 * the primary (HTTP 500 from novita), announces the fallback as the resilience chain does, and is
 * answered by the fallback, so attempts, fallbacks and provenance cross the activity boundary.
 */
final class ResearchModel implements ModelPort {

    static final ModelRef PRIMARY = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");
    static final ModelRef FALLBACK = ModelRef.parse("hf:Qwen/Qwen2.5-7B-Instruct");
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean synthesisFails;

    ResearchModel failingSynthesis() {
        synthesisFails = true;
        return this;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        calls.incrementAndGet();
        AttemptListener listener = context.attemptListener();
        listener.attemptStarted(PRIMARY, 0);
        Attempt failed = Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, PRIMARY)
                .httpStatus(500).inferenceProvider("novita").detail("upstream error").build(), 0, AT, Duration.ofMillis(5));
        listener.attemptFinished(failed);
        listener.fallbackTaken(PRIMARY, FALLBACK, failed);
        String system = request.messages().get(0).content();
        if (system.startsWith("You write the answer section") && synthesisFails) {
            Attempt alsoFailed = Attempt.failed(ModelCallException.builder(ErrorKind.QUOTA_EXCEEDED, FALLBACK)
                    .httpStatus(402).detail("credits used up").build(), 0, AT, Duration.ofMillis(3));
            listener.attemptStarted(FALLBACK, 0);
            listener.attemptFinished(alsoFailed);
            throw new AllModelsFailedError(List.of(failed, alsoFailed),
                    ModelCallException.builder(ErrorKind.QUOTA_EXCEEDED, FALLBACK).httpStatus(402).build());
        }
        listener.attemptStarted(FALLBACK, 0);
        Attempt succeeded = Attempt.succeeded(FALLBACK, "hf-inference", 0, AT, Duration.ofMillis(7));
        listener.attemptFinished(succeeded);
        return answer(request).withAttempts(List.of(failed, succeeded));
    }

    private static ChatResponse answer(ChatRequest request) {
        String user = request.messages().get(request.messages().size() - 1).content();
        String system = request.messages().get(0).content();
        if (request.responseFormat().map(format -> format.type() == ResearchPlan.class).orElse(false)) {
            return text("{...}", 20).withStructured(new ResearchPlan(
                    List.of("What pulls the oceans?", "Why two bulges?", "How does Earth's spin matter?")));
        }
        if (request.responseFormat().map(format -> format.type() == Verdict.class).orElse(false)) {
            return text("{...}", 20).withStructured(new Verdict(true, List.of(), List.of()));
        }
        if (system.startsWith("You write the answer section")) {
            return text("Tides come from the Moon's differential pull.", 40);
        }
        return text("Answer to " + user.substring(user.indexOf("Sub-question: ") + "Sub-question: ".length()), 10);
    }

    private static ChatResponse text(String text, long tokens) {
        return ChatResponse.of(FALLBACK, text, FinishReason.of("stop"), TokenUsage.of(tokens / 2, tokens - tokens / 2))
                .withInferenceProvider("hf-inference");
    }
}
