package dev.detour.app.telemetry;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

/**
 * One model's adapter port with a CLIENT span per attempt, named {@code chat {gen_ai.request.model}} as the
 * GenAI conventions ask, and the operation-duration and token-usage histograms. Spans carry who was asked,
 * who answered, the tokens, the status and Detour's error kind: never a prompt, an answer or a provider's words.
 * When told to propagate, the attempt's requests carry its W3C trace context ({@code traceparent},
 * {@code tracestate}) and nothing else of the context, baggage included.
 */
final class TracedAttempts implements ModelPort {

    private final ModelRef model;
    private final ModelPort delegate;
    private final Attributes base;
    private final String spanName;
    private final Instruments instruments;
    private final boolean propagate;
    private final Measures plain;
    private final Memo<String, Measures> servedBy;
    private final Memo<String, Measures> failedWith;

    /** The attribute sets an attempt's measurements are recorded with: its duration, its input and output tokens. */
    private record Measures(Attributes duration, Attributes input, Attributes output) {

        static Measures over(Attributes duration) {
            return new Measures(duration, duration.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
                    duration.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
        }
    }

    TracedAttempts(ModelRef model, ModelPort delegate, Attributes base, Instruments instruments, boolean propagate) {
        this.model = model;
        this.delegate = delegate;
        this.base = base;
        this.spanName = GenAi.CHAT + " " + model.model();
        this.instruments = instruments;
        this.propagate = propagate;
        this.plain = Measures.over(base);
        this.servedBy = new Memo<>(served -> Measures.over(base.toBuilder().put(GenAi.RESPONSE_MODEL, served).build()));
        this.failedWith = new Memo<>(errorType -> Measures.over(base.toBuilder().put(GenAi.ERROR_TYPE, errorType).build()));
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        long startNanos = System.nanoTime();
        Span span = instruments.tracer().spanBuilder(spanName).setSpanKind(SpanKind.CLIENT).setAllAttributes(base).startSpan();
        OptionalInt maxTokens = request.options().maxOutputTokens();
        if (maxTokens.isPresent()) {
            span.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) maxTokens.getAsInt());
        }
        Measures measures = plain;
        TokenUsage usage = TokenUsage.NONE;
        Scope scope = span.makeCurrent();
        try {
            ChatResponse response = delegate.chat(request, propagate ? carryingTraceContext(context) : context);
            usage = response.usage();
            Optional<String> served = response.servedModel();
            if (served.isPresent()) {
                span.setAttribute(GenAi.RESPONSE_MODEL, served.get());
                measures = servedBy.get(served.get());
            }
            inferenceProvider(span, response.inferenceProvider());
            return response;
        } catch (ModelCallException failure) {
            usage = failure.usage();
            inferenceProvider(span, failure.inferenceProvider());
            OptionalInt status = failure.httpStatus();
            if (status.isPresent()) {
                span.setAttribute(GenAi.HTTP_STATUS, (long) status.getAsInt());
            }
            measures = failed(span, failure.kind().displayName());
            throw failure;
        } catch (CancellationException cancelled) {
            measures = failed(span, "Cancelled");
            throw cancelled;
        } catch (RuntimeException unexpected) {
            measures = failed(span, unexpected.getClass().getName());
            throw unexpected;
        } finally {
            try {
                measure(span, startNanos, usage, measures);
            } finally {
                scope.close();
                span.end();
            }
        }
    }

    /** Records the attempt's duration and tokens while its span is current, so that an exemplar names this attempt. */
    private void measure(Span span, long startNanos, TokenUsage usage, Measures measures) {
        instruments.operationDuration().record((System.nanoTime() - startNanos) / 1e9, measures.duration());
        if (!usage.equals(TokenUsage.NONE)) {
            span.setAttribute(GenAi.INPUT_TOKENS, usage.promptTokens());
            span.setAttribute(GenAi.OUTPUT_TOKENS, usage.completionTokens());
            instruments.tokenUsage().record(usage.promptTokens(), measures.input());
            instruments.tokenUsage().record(usage.completionTokens(), measures.output());
        }
    }

    private static CallContext carryingTraceContext(CallContext context) {
        return context.withRequestHeaders(TraceHeaders.of(Context.current()));
    }

    private Measures failed(Span span, String errorType) {
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
        return failedWith.get(errorType);
    }

    private static void inferenceProvider(Span span, Optional<String> provider) {
        if (provider.isPresent()) {
            span.setAttribute(GenAi.INFERENCE_PROVIDER, provider.get());
        }
    }

    @Override
    public String toString() {
        return "TracedAttempts[" + model + ", " + delegate + "]";
    }
}
