package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryConfigTest {

    @TempDir
    Path workingDirectory;

    private ConfigFixture fixture() {
        return new ConfigFixture(workingDirectory);
    }

    @Test
    void telemetryIsOffWithNoSection() {
        assertThat(fixture().load("chain: [hf:Qwen/Qwen2.5-72B-Instruct]\n").telemetry()).isEqualTo(TelemetryConfig.defaults());
        assertThat(TelemetryConfig.defaults().exporter()).isEqualTo("none");
        assertThat(TelemetryConfig.defaults().propagate()).isFalse();
    }

    @Test
    void readsAnOtlpExporterItsEndpointProtocolAndPropagation() {
        TelemetryConfig telemetry = fixture().load("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                telemetry: { exporter: otlp, endpoint: "http://collector.internal:4317", protocol: grpc, propagate: true }
                """).telemetry();

        assertThat(telemetry).isEqualTo(new TelemetryConfig("otlp", Optional.of(URI.create("http://collector.internal:4317")),
                "grpc", true));
    }

    @Test
    void reportsUnknownKeysAndValuesWithTheirKeyPath() {
        assertThat(fixture().problems("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                telemetry: { exporter: jaeger, protocol: http, propagate: sometimes, sampler: always }
                """)).containsExactlyInAnyOrder(
                "telemetry.sampler: unknown key; allowed keys: exporter, endpoint, protocol, propagate",
                "telemetry.exporter: \"jaeger\" is not known; write one of none, otlp",
                "telemetry.protocol: \"http\" is not known; write one of http/protobuf, grpc",
                "telemetry.propagate: \"sometimes\" is not true or false (write true or false)");
    }

    @Test
    void refusesAnEndpointThatIsNotAUrlOrHasNoExporter() {
        assertThat(fixture().problems("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                telemetry: { exporter: otlp, endpoint: "collector:4318" }
                """)).containsExactly("telemetry.endpoint: \"collector:4318\" is not an absolute http(s) URL without"
                + " credentials; write the collector's URL, such as http://localhost:4318");
        assertThat(fixture().problems("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                telemetry: { endpoint: "http://localhost:4318" }
                """)).containsExactly("telemetry.endpoint: is set but no exporter is; add exporter: otlp to send telemetry there");
    }

    @Test
    void theTopLevelListsTelemetryAmongItsKeys() {
        assertThat(fixture().problems("""
                chain: [hf:Qwen/Qwen2.5-72B-Instruct]
                telemetri: { exporter: otlp }
                """)).containsExactly("telemetri: unknown key; did you mean telemetry?; allowed keys: providers, chain, resilience, workflow, store, telemetry, pricing, server, temporal, sources, evidence");
    }
}
