package dev.detour.app.telemetry;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * A CLIENT span per try of an evidence search, after the GenAI conventions' retrieval span ({@code retrieval
 * {source}}), made from the try's attempt once it ended, whatever {@code EvidenceSources} made it: the source,
 * its server, the records it returned, or the kind it failed with. A source skipped without a request is a
 * span event on the step's span. The query is never recorded: it is made from the question.
 */
final class SearchSpans {

    static final String RETRIEVAL = "retrieval";
    static final String SKIPPED_EVENT = "detour.search.skipped";

    private final Tracer tracer;
    private final Function<SourceRef, Optional<URI>> servers;

    /** Spans of {@code tracer}; {@code servers} says where each source is, when the configuration knows. */
    SearchSpans(Tracer tracer, Function<SourceRef, Optional<URI>> servers) {
        this.tracer = tracer;
        this.servers = servers;
    }

    /** A try of {@code step} that answered with {@code hits} records. */
    void answered(Optional<Span> step, Attempt attempt, int hits) {
        Instant end = Instant.now();
        Span span = start(step, attempt, end);
        span.setAttribute(GenAi.HITS, (long) hits);
        span.end(end);
    }

    /** A try of {@code step} that failed, was cancelled in flight, or was skipped. */
    void ended(Optional<Span> step, Attempt attempt) {
        if (attempt.outcome() == Attempt.Outcome.SKIPPED) {
            step.ifPresent(span -> span.addEvent(SKIPPED_EVENT, Attributes.of(GenAi.SOURCE, attempt.source().name(),
                    GenAi.SKIP_REASON, attempt.skipReason().map(SkipReason::name).orElseThrow())));
            return;
        }
        Instant end = Instant.now();
        Span span = start(step, attempt, end);
        String errorType = attempt.outcome() == Attempt.Outcome.CANCELLED
                ? "Cancelled" : attempt.kind().map(ErrorKind::displayName).orElse("Unexpected");
        attempt.httpStatus().ifPresent(status -> span.setAttribute(GenAi.HTTP_STATUS, (long) status));
        span.setAttribute(GenAi.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
        span.end(end);
    }

    /** The span of {@code attempt}, ending at {@code end} (now, as spans are timed) and as long as the try took. */
    private Span start(Optional<Span> step, Attempt attempt, Instant end) {
        SourceRef source = attempt.source();
        SpanBuilder span = tracer.spanBuilder(RETRIEVAL + " " + source.name())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(step.map(Context.current()::with).orElseGet(Context::current))
                .setStartTimestamp(end.minus(attempt.duration()))
                .setAttribute(GenAi.OPERATION_NAME, RETRIEVAL)
                .setAttribute(GenAi.DATA_SOURCE_ID, source.name())
                .setAttribute(GenAi.SOURCE, source.name())
                .setAttribute(GenAi.RETRY, (long) attempt.retry());
        servers.apply(source).ifPresent(url -> {
            span.setAttribute(GenAi.SERVER_ADDRESS, url.getHost());
            span.setAttribute(GenAi.SERVER_PORT, (long) Telemetry.port(url));
        });
        return span.startSpan();
    }
}
