package dev.detour.app.telemetry;

import dev.detour.app.config.TelemetryConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK as the autoconfigure module builds it from the standard {@code OTEL_*} variables and
 * system properties, with the configuration's {@code telemetry} section as defaults beneath them. The one class
 * that touches the SDK, so that nothing loads it while telemetry is off.
 */
final class SdkTelemetry implements AutoCloseable {

    private final OpenTelemetrySdk sdk;

    private SdkTelemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    static SdkTelemetry open(TelemetryConfig telemetry) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("otel.service.name", "detour");
        defaults.put("otel.logs.exporter", "none");
        if (telemetry.exporter().equals("otlp")) {
            defaults.put("otel.traces.exporter", "otlp");
            defaults.put("otel.metrics.exporter", "otlp");
            defaults.put("otel.exporter.otlp.protocol", telemetry.protocol());
            telemetry.endpoint().ifPresent(endpoint -> defaults.put("otel.exporter.otlp.endpoint", endpoint.toString()));
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new SdkTelemetry(sdk);
    }

    OpenTelemetry openTelemetry() {
        return sdk;
    }

    /**
     * Exports what is buffered and shuts the SDK down, waiting a few seconds at most. The SDK's own shutdown hook is
     * off: on Ctrl-C or SIGTERM it would race the cancelled runs' last spans, which this exports once they ended.
     */
    @Override
    public void close() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
}
