package dev.detour.app.telemetry;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;
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

    TracedAttempts(ModelRef model, ModelPort delegate, Attributes base, Instruments instruments, boolean propagate) {
        this.model = model;
        this.delegate = delegate;
        this.base = base;
        this.spanName = GenAi.CHAT + " " + model.model();
        this.instruments = instruments;
        this.propagate = propagate;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        long startNanos = System.nanoTime();
        Span span = instruments.tracer().spanBuilder(spanName).setSpanKind(SpanKind.CLIENT).setAllAttributes(base).startSpan();
        request.options().maxOutputTokens().ifPresent(max -> span.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) max));
        AttributesBuilder measured = base.toBuilder();
        TokenUsage usage = TokenUsage.NONE;
        try (Scope ignored = span.makeCurrent()) {
            ChatResponse response = delegate.chat(request, propagate ? carryingTraceContext(context) : context);
            usage = response.usage();
            response.servedModel().ifPresent(served -> {
                span.setAttribute(GenAi.RESPONSE_MODEL, served);
                measured.put(GenAi.RESPONSE_MODEL, served);
            });
            response.inferenceProvider().ifPresent(provider -> span.setAttribute(GenAi.INFERENCE_PROVIDER, provider));
            return response;
        } catch (ModelCallException failure) {
            usage = failure.usage();
            failure.inferenceProvider().ifPresent(provider -> span.setAttribute(GenAi.INFERENCE_PROVIDER, provider));
            failure.httpStatus().ifPresent(status -> span.setAttribute(GenAi.HTTP_STATUS, (long) status));
            failed(span, measured, failure.kind().displayName());
            throw failure;
        } catch (CancellationException cancelled) {
            failed(span, measured, "Cancelled");
            throw cancelled;
        } catch (RuntimeException unexpected) {
            failed(span, measured, unexpected.getClass().getName());
            throw unexpected;
        } finally {
            tokens(span, usage);
            Attributes attributes = measured.build();
            instruments.operationDuration().record((System.nanoTime() - startNanos) / 1e9, attributes);
            recordTokens(attributes, usage);
            span.end();
        }
    }

    private static CallContext carryingTraceContext(CallContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, HeaderSetter.INSTANCE);
        return context.withRequestHeaders(headers);
    }

    /** Writes a propagator's fields into a map of headers. */
    private enum HeaderSetter implements TextMapSetter<Map<String, String>> {
        INSTANCE;

        @Override
        public void set(Map<String, String> carrier, String key, String value) {
            carrier.put(key, value);
        }
    }

    private static void failed(Span span, AttributesBuilder measured, String errorType) {
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
        measured.put(GenAi.ERROR_TYPE, errorType);
    }

    private static void tokens(Span span, TokenUsage usage) {
        if (usage.equals(TokenUsage.NONE)) {
            return;
        }
        span.setAttribute(GenAi.INPUT_TOKENS, usage.promptTokens());
        span.setAttribute(GenAi.OUTPUT_TOKENS, usage.completionTokens());
    }

    private void recordTokens(Attributes attributes, TokenUsage usage) {
        if (usage.equals(TokenUsage.NONE)) {
            return;
        }
        instruments.tokenUsage().record(usage.promptTokens(), attributes.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
        instruments.tokenUsage().record(usage.completionTokens(), attributes.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
    }

    @Override
    public String toString() {
        return "TracedAttempts[" + model + ", " + delegate + "]";
    }
}
