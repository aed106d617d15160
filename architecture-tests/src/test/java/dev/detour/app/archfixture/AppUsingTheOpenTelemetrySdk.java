package dev.detour.app.archfixture;

import io.opentelemetry.sdk.OpenTelemetrySdk;

/** Breaks "only SdkTelemetry touches the SDK": app code that would load the SDK even with telemetry off. */
public class AppUsingTheOpenTelemetrySdk {

    public Object sdk() {
        return OpenTelemetrySdk.builder().build();
    }
}
