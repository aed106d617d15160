package dev.detour.app.telemetry;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.SourceConfig;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.WorkflowListener;
import dev.detour.engine.temporal.RunTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Detour's OpenTelemetry instrumentation: spans of runs, steps, chain calls and attempts, and the GenAI
 * metrics, over the {@link OpenTelemetry} the injector was given or configured. When that is the no-op
 * instance (telemetry off, the default), every method hands back what it was given and nothing is recorded.
 *
 * <p>Close it at shutdown, after the runs, so that the spans and metrics still buffered are exported; an
 * {@code OpenTelemetry} bound by an embedder is left for the embedder to close.
 */
public final class Telemetry implements AutoCloseable {

    private static final String SCOPE = "dev.detour";

    private final OpenTelemetry openTelemetry;
    private final DetourConfig config;
    private final AutoCloseable owned;
    private final boolean enabled;
    private final Instruments instruments;
    private volatile ObservableLongGauge breakerGauge;

    /**
     * Instrumentation over {@code openTelemetry} for the providers of {@code config}; {@code owned} is what
     * {@link #close()} closes (the SDK Detour set up itself), or a no-op for an embedder's instance.
     */
    Telemetry(OpenTelemetry openTelemetry, DetourConfig config, AutoCloseable owned) {
        this.openTelemetry = Require.nonNull(openTelemetry, "openTelemetry");
        this.config = Require.nonNull(config, "config");
        this.owned = Require.nonNull(owned, "owned");
        this.enabled = openTelemetry != OpenTelemetry.noop();
        this.instruments = enabled ? new Instruments(openTelemetry.getTracer(SCOPE), openTelemetry.getMeter(SCOPE)) : null;
    }

    /** Whether anything is recorded. */
    public boolean enabled() {
        return enabled;
    }

    /** The OpenTelemetry instance spans and metrics go to. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * {@code port}, the adapter port of {@code model}, with a CLIENT span and the GenAI metrics per attempt, and
     * the attempt's W3C trace context on its requests when {@code telemetry.propagate} is on.
     */
    public ModelPort attemptsOf(ModelRef model, ModelPort port) {
        Require.nonNull(model, "model");
        Require.nonNull(port, "port");
        return enabled ? new TracedAttempts(model, port, describe(model), instruments, config.telemetry().propagate()) : port;
    }

    /** {@code chain}, the resilience chain, with a span per call, skip events and the attempt and fallback counters. */
    public ModelPort chain(ModelPort chain) {
        Require.nonNull(chain, "chain");
        return enabled ? new TracedChain(chain, instruments) : chain;
    }

    /** The listeners every run should have: its span, its steps' spans and its searches'; none when off. */
    public List<WorkflowListener> runListeners() {
        return enabled ? List.of(new RunSpans(instruments.tracer(), new SearchSpans(instruments.tracer(), this::server)))
                : List.of();
    }

    /**
     * What a Temporal worker traces its runs with: the same spans as {@link #runListeners()}, across workers, for one
     * worker (give each worker its own); none when off.
     */
    public RunTracing runTracing() {
        return enabled ? new TemporalRunSpans(instruments, new SearchSpans(instruments.tracer(), this::server)) : RunTracing.NONE;
    }

    /**
     * The W3C trace context headers of the span current on this thread, which a run started on Temporal carries to its
     * workers so that its spans are children of it; empty when off or when no span is current.
     */
    public Map<String, String> currentTraceContext() {
        return enabled ? TraceHeaders.of(Context.current()) : Map.of();
    }

    /**
     * Runs {@code call} with the caller's span that a request's headers name (W3C {@code traceparent} and
     * {@code tracestate}, looked up by {@code requestHeader}) current, when no span is current on this thread (an
     * HTTP server instrumentation's would be), so that a run an HTTP request starts is part of its caller's trace on
     * either engine.
     */
    public <T> T withinCaller(UnaryOperator<String> requestHeader, Supplier<T> call) {
        Require.nonNull(requestHeader, "requestHeader");
        Require.nonNull(call, "call");
        if (!enabled || Span.current().getSpanContext().isValid()) {
            return call.get();
        }
        Context caller = TraceHeaders.context(requestHeader);
        if (!Span.fromContext(caller).getSpanContext().isValid()) {
            return call.get();
        }
        try (Scope ignored = caller.makeCurrent()) {
            return call.get();
        }
    }

    /**
     * Reports {@code detour.breaker.state} of each of {@code models} as {@code state} names it ({@code CLOSED} 0,
     * {@code HALF_OPEN} 1, {@code OPEN} 2), each time metrics are collected.
     */
    public void watchBreakers(List<ModelRef> models, Function<ModelRef, String> state) {
        Require.nonNull(models, "models");
        Require.nonNull(state, "state");
        if (!enabled) {
            return;
        }
        List<ModelRef> watched = List.copyOf(models);
        breakerGauge = instruments.meter().gaugeBuilder("detour.breaker.state").ofLongs()
                .setDescription("The circuit breaker of each model: 0 closed, 1 half-open (one trial under way or due), 2 open")
                .buildWithCallback(measurement -> watched.forEach(model -> measurement.record(
                        breakerCode(state.apply(model)), Attributes.of(GenAi.MODEL, model.toString()))));
    }

    @Override
    public void close() {
        try {
            owned.close();
        } catch (Exception e) {
            System.getLogger(Telemetry.class.getName()).log(System.Logger.Level.WARNING,
                    () -> "telemetry did not shut down cleanly (" + e + "); some spans or metrics may not have been exported");
        } finally {
            ObservableLongGauge gauge = breakerGauge;
            if (gauge != null) {
                gauge.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Telemetry[" + (enabled ? "on" : "off") + "]";
    }

    private static long breakerCode(String state) {
        return switch (state) {
            case "OPEN" -> 2;
            case "HALF_OPEN" -> 1;
            default -> 0;
        };
    }

    /** The attributes every attempt of {@code model} has: operation, provider type, model, server. */
    private Attributes describe(ModelRef model) {
        AttributesBuilder attributes = Attributes.builder()
                .put(GenAi.OPERATION_NAME, GenAi.CHAT)
                .put(GenAi.REQUEST_MODEL, model.model())
                .put(GenAi.MODEL, model.toString());
        Optional<ProviderConfig> provider = config.provider(model.provider());
        attributes.put(GenAi.PROVIDER_NAME, provider.map(ProviderConfig::type).orElse(model.provider()));
        provider.map(ProviderConfig::baseUrl).ifPresent(url -> {
            attributes.put(GenAi.SERVER_ADDRESS, url.getHost());
            attributes.put(GenAi.SERVER_PORT, (long) port(url));
        });
        return attributes.build();
    }

    /** Where the evidence source {@code source} is, as the configuration says. */
    private Optional<URI> server(SourceRef source) {
        return config.source(source.name()).map(SourceConfig::baseUrl);
    }

    static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }
}
