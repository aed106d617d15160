package dev.detour.app.config;

import dev.detour.core.internal.Require;
import java.net.URI;
import java.util.Optional;

/**
 * Whether and where Detour exports traces and metrics, and whether provider requests carry the trace
 * context. Off unless {@code exporter} says {@code otlp} or the standard {@code OTEL_*} variables switch it on.
 *
 * @param exporter {@code otlp}, or {@code none} to leave telemetry to the {@code OTEL_*} variables (or off)
 * @param endpoint the OTLP collector's base URL, such as {@code http://localhost:4318}; empty for the SDK's default
 * @param protocol {@code http/protobuf} or {@code grpc}
 * @param propagate whether outgoing provider requests carry the W3C {@code traceparent} header
 */
public record TelemetryConfig(String exporter, Optional<URI> endpoint, String protocol, boolean propagate) {

    /** The exporters a configuration may name. */
    public static final java.util.List<String> EXPORTERS = java.util.List.of("none", "otlp");

    /** The OTLP protocols a configuration may name. */
    public static final java.util.List<String> PROTOCOLS = java.util.List.of("http/protobuf", "grpc");

    public TelemetryConfig {
        Require.nonNull(exporter, "exporter");
        Require.nonNull(endpoint, "endpoint");
        Require.nonNull(protocol, "protocol");
        if (!EXPORTERS.contains(exporter)) {
            throw new IllegalArgumentException("exporter must be one of " + EXPORTERS + ", was \"" + exporter + "\"");
        }
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("protocol must be one of " + PROTOCOLS + ", was \"" + protocol + "\"");
        }
    }

    /** No exporter of the file's own, OTLP over HTTP when one is named, no propagation. */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig("none", Optional.empty(), "http/protobuf", false);
    }

    /** Export over OTLP to {@code endpoint} with {@code protocol}. */
    public static TelemetryConfig otlp(URI endpoint, String protocol) {
        return new TelemetryConfig("otlp", Optional.of(Require.nonNull(endpoint, "endpoint")), protocol, false);
    }

    public TelemetryConfig withPropagate(boolean value) {
        return new TelemetryConfig(exporter, endpoint, protocol, value);
    }
}
