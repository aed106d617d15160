package dev.detour.app.telemetry;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.TelemetryConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether Detour sets up telemetry itself: when the configuration names an exporter, or one of the
 * standard variables that choose an exporter or an endpoint is set, unless {@code OTEL_SDK_DISABLED} is true.
 * Only then is the SDK touched; otherwise telemetry is the no-op API and no SDK class is loaded.
 */
final class TelemetrySetup {

    /** The variables whose presence switches telemetry on. */
    static final List<String> SWITCHES = List.of(
            "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");

    private static final String SDK_CLASS = "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk";

    private TelemetrySetup() {}

    static Telemetry from(DetourConfig config, Environment environment) {
        if (!wanted(config.telemetry(), environment)) {
            return new Telemetry(OpenTelemetry.noop(), config, () -> {});
        }
        if (!sdkPresent()) {
            throw new IllegalArgumentException("telemetry: switched on (" + why(config.telemetry())
                    + ") but the OpenTelemetry SDK is not on the class path; add io.opentelemetry:"
                    + "opentelemetry-sdk-extension-autoconfigure and opentelemetry-exporter-otlp, or bind your own"
                    + " OpenTelemetry in Guice");
        }
        SdkTelemetry sdk = SdkTelemetry.open(config.telemetry());
        return new Telemetry(sdk.openTelemetry(), config, sdk);
    }

    static boolean wanted(TelemetryConfig telemetry, Environment environment) {
        if (environment.variable("OTEL_SDK_DISABLED").map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter("true"::equals).isPresent()) {
            return false;
        }
        return !telemetry.exporter().equals("none") || SWITCHES.stream().anyMatch(name -> environment.variable(name).isPresent());
    }

    private static String why(TelemetryConfig telemetry) {
        return telemetry.exporter().equals("none") ? "by an OTEL_* variable" : "exporter: " + telemetry.exporter();
    }

    private static boolean sdkPresent() {
        try {
            Class.forName(SDK_CLASS, false, TelemetrySetup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
