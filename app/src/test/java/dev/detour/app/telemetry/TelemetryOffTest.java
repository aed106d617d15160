package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.TelemetryConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.ModelPort;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TelemetryOffTest {

    @Test
    void offByDefaultTheChainIsNotWrappedAndNoSdkClassIsLoaded() throws Exception {
        List<String> loaded = childJvm("off");

        assertThat(loaded).contains("telemetry off");
        assertThat(loaded).filteredOn(line -> line.contains("io.opentelemetry.sdk")).isEmpty();
        assertThat(loaded).anyMatch(line -> line.contains("io.opentelemetry.api.OpenTelemetry "));
    }

    @Test
    void theSameChildLoadsTheSdkOnceAnExporterIsConfigured() throws Exception {
        List<String> loaded = childJvm("otlp");

        assertThat(loaded).contains("telemetry on");
        assertThat(loaded).anyMatch(line -> line.contains("io.opentelemetry.sdk.OpenTelemetrySdk "));
    }

    @Test
    void offTheResilienceChainIsTheBareChain() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            Injector injector = Guice.createInjector(new DetourModule(TelemetryRig.config(simulator), Environment.of(Map.of())));
            try {
                assertThat(injector.getInstance(Telemetry.class).enabled()).isFalse();
                assertThat(injector.getInstance(ModelPort.class).getClass().getSimpleName()).isEqualTo("ResilientChain");
            } finally {
                injector.getInstance(Providers.class).close();
            }
        }
    }

    @Test
    void anOtelVariableThatNamesAnExporterOrEndpointSwitchesItOnAndOtelSdkDisabledSwitchesItOff() {
        TelemetryConfig none = TelemetryConfig.defaults();
        TelemetryConfig otlp = TelemetryConfig.otlp(URI.create("http://localhost:4318"), "http/protobuf");
        assertThat(TelemetrySetup.wanted(none, Environment.of(Map.of()))).isFalse();
        assertThat(TelemetrySetup.wanted(none, Environment.of(Map.of("OTEL_SERVICE_NAME", "research")))).isFalse();
        assertThat(TelemetrySetup.wanted(none, Environment.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")))).isTrue();
        assertThat(TelemetrySetup.wanted(none, Environment.of(Map.of("OTEL_TRACES_EXPORTER", "otlp")))).isTrue();
        assertThat(TelemetrySetup.wanted(otlp, Environment.of(Map.of()))).isTrue();
        assertThat(TelemetrySetup.wanted(otlp, Environment.of(Map.of("OTEL_SDK_DISABLED", "true")))).isFalse();
    }

    @Test
    void anEmbeddersBoundNoopOpenTelemetryLeavesTelemetryOff() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            DetourConfig config = TelemetryRig.config(simulator);
            Injector injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of())),
                    binder -> binder.bind(io.opentelemetry.api.OpenTelemetry.class)
                            .toInstance(io.opentelemetry.api.OpenTelemetry.noop()));
            try {
                assertThat(injector.getInstance(Telemetry.class).enabled()).isFalse();
            } finally {
                injector.getInstance(Providers.class).close();
            }
        }
    }

    private static List<String> childJvm(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-verbose:class", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), OffTelemetryMain.class.getName(), mode)
                .redirectErrorStream(true)
                .start();
        child.getOutputStream().close();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
        assertThat(child.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                .isZero();
        return lines;
    }
}
