package dev.detour.app.telemetry;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;

/** The tracer and the metric instruments Detour records with, and the attribute sets it reuses, made once per {@link Telemetry}. */
final class Instruments {

    private static final List<Double> DURATION_BUCKETS = List.of(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
    private static final List<Long> TOKEN_BUCKETS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);

    private final Tracer tracer;
    private final Meter meter;
    private final DoubleHistogram operationDuration;
    private final LongHistogram tokenUsage;
    private final LongCounter attempts;
    private final LongCounter fallbacks;
    private final ChainLabels labels = new ChainLabels();

    Instruments(Tracer tracer, Meter meter) {
        this.tracer = tracer;
        this.meter = meter;
        this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration")
                .setUnit("s")
                .setDescription("GenAI operation duration")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs()
                .setUnit("{token}")
                .setDescription("Measures number of input and output tokens used")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        this.attempts = meter.counterBuilder("detour.attempts")
                .setUnit("{attempt}")
                .setDescription("Attempts of the resilience chain, by outcome and error kind or skip reason")
                .build();
        this.fallbacks = meter.counterBuilder("detour.fallbacks")
                .setUnit("{fallback}")
                .setDescription("Fallbacks from one model of the chain to the next")
                .build();
    }

    Tracer tracer() {
        return tracer;
    }

    Meter meter() {
        return meter;
    }

    DoubleHistogram operationDuration() {
        return operationDuration;
    }

    LongHistogram tokenUsage() {
        return tokenUsage;
    }

    LongCounter attempts() {
        return attempts;
    }

    LongCounter fallbacks() {
        return fallbacks;
    }

    ChainLabels labels() {
        return labels;
    }
}
