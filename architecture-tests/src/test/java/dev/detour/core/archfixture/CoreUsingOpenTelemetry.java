package dev.detour.core.archfixture;

import io.opentelemetry.api.OpenTelemetry;

/** Breaks "OpenTelemetry in app only": core code tracing on its own. */
public class CoreUsingOpenTelemetry {

    public Object tracer() {
        return OpenTelemetry.noop().getTracer("core");
    }
}
