package dev.detour.app.telemetry;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The resilience chain with a {@code detour.chain} span per call: who served it, whom it fell back from, how
 * many attempts it took, a span event per skipped model, and the attempt and fallback counters. The attempts'
 * own CLIENT spans are children of it, made by {@link TracedAttempts} while it is current.
 */
final class TracedChain implements ModelPort {

    static final String SKIPPED_EVENT = "detour.attempt.skipped";
    static final String SUCCEEDED_KIND = "ok";

    private final ModelPort delegate;
    private final Instruments instruments;

    TracedChain(ModelPort delegate, Instruments instruments) {
        this.delegate = delegate;
        this.instruments = instruments;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Span span = instruments.tracer().spanBuilder("detour.chain").startSpan();
        Watch watch = new Watch(span, context.attemptListener());
        try (Scope ignored = span.makeCurrent()) {
            ChatResponse response = delegate.chat(request, context.withAttemptListener(watch));
            span.setAttribute(GenAi.SERVED_BY, instruments.labels().name(response.model()));
            Optional<String> provider = response.inferenceProvider();
            if (provider.isPresent()) {
                span.setAttribute(GenAi.INFERENCE_PROVIDER, provider.get());
            }
            return response;
        } catch (AllModelsFailedError failure) {
            failed(span, "AllModelsFailed");
            throw failure;
        } catch (ModelCallException failure) {
            failed(span, failure.kind().displayName());
            throw failure;
        } catch (CancellationException cancelled) {
            failed(span, "Cancelled");
            throw cancelled;
        } catch (RuntimeException unexpected) {
            failed(span, unexpected.getClass().getName());
            throw unexpected;
        } finally {
            span.setAttribute(GenAi.ATTEMPTS, (long) watch.attempts);
            if (watch.fellBackFrom != null) {
                span.setAttribute(GenAi.FALLBACK_FROM, List.copyOf(watch.fellBackFrom));
            }
            span.end();
        }
    }

    private static void failed(Span span, String errorType) {
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
    }

    @Override
    public String toString() {
        return "TracedChain[" + delegate + "]";
    }

    /** Counts the call's attempts and fallbacks, and passes every notice on to the caller's listener. */
    private final class Watch implements AttemptListener {

        private final Span span;
        private final AttemptListener caller;
        private List<String> fellBackFrom;
        private int attempts;

        Watch(Span span, AttemptListener caller) {
            this.span = span;
            this.caller = caller;
        }

        @Override
        public void attemptStarted(ModelRef model, int retry) {
            caller.attemptStarted(model, retry);
        }

        @Override
        public void attemptFinished(Attempt attempt) {
            attempts++;
            String kind = switch (attempt.outcome()) {
                case SUCCEEDED -> SUCCEEDED_KIND;
                case FAILED -> attempt.kind().map(ErrorKind::displayName).orElse("Unexpected");
                case CANCELLED -> "CANCELLED";
                case SKIPPED -> attempt.skipReason().map(SkipReason::name).orElseThrow();
            };
            ChainLabels.ModelLabels model = instruments.labels().of(attempt.model());
            instruments.attempts().add(1, model.attempt(attempt.outcome(), kind));
            if (attempt.outcome() == Attempt.Outcome.SKIPPED) {
                span.addEvent(SKIPPED_EVENT, model.skip(kind));
            }
            caller.attemptFinished(attempt);
        }

        @Override
        public void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
            if (fellBackFrom == null) {
                fellBackFrom = new ArrayList<>();
            }
            fellBackFrom.add(instruments.labels().name(from));
            instruments.fallbacks().add(1, instruments.labels().fallback(from, to));
            caller.fallbackTaken(from, to, lastAttemptOfFrom);
        }
    }
}
