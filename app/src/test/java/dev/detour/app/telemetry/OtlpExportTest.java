package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.TelemetryConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelPort;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exporter wiring itself: {@code telemetry: { exporter: otlp, endpoint: … }} sends OTLP/HTTP that a collector can decode. */
class OtlpExportTest {

    @Test
    void aConfiguredOtlpExporterSendsTheAttemptSpansAndMetricsToTheCollector() {
        try (OtlpReceiver collector = new OtlpReceiver();
                ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            DetourConfig config = TelemetryRig.config(simulator)
                    .withTelemetry(TelemetryConfig.otlp(collector.endpoint(), "http/protobuf"));
            Injector injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of())));
            Telemetry telemetry = injector.getInstance(Telemetry.class);
            assertThat(telemetry.enabled()).isTrue();
            try {
                injector.getInstance(ModelPort.class).chat(ChatRequest.of(ChatMessage.user("Why is the sky blue?")));
            } finally {
                injector.getInstance(Providers.class).close();
                telemetry.close();
            }

            List<Span> spans = collector.traces.stream()
                    .flatMap(request -> request.getResourceSpansList().stream())
                    .flatMap(resource -> resource.getScopeSpansList().stream())
                    .flatMap(scope -> scope.getSpansList().stream())
                    .toList();
            assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder(
                    "chat Qwen/Qwen2.5-72B-Instruct", "chat Qwen/Qwen2.5-72B-Instruct", "chat Qwen/Qwen2.5-72B-Instruct",
                    "chat Qwen/Qwen2.5-7B-Instruct", "detour.chain");
            assertThat(spans).filteredOn(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).hasSize(4)
                    .allSatisfy(span -> assertThat(attribute(span.getAttributesList(), "gen_ai.provider.name"))
                            .isEqualTo("huggingface"));
            assertThat(collector.traces.get(0).getResourceSpans(0).getResource().getAttributesList())
                    .anySatisfy(kv -> {
                        assertThat(kv.getKey()).isEqualTo("service.name");
                        assertThat(kv.getValue().getStringValue()).isEqualTo("detour");
                    });

            List<String> metricNames = collector.metrics.stream()
                    .flatMap(request -> request.getResourceMetricsList().stream())
                    .flatMap(resource -> resource.getScopeMetricsList().stream())
                    .flatMap(scope -> scope.getMetricsList().stream())
                    .map(metric -> metric.getName())
                    .toList();
            assertThat(metricNames).contains("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
                    "detour.attempts", "detour.fallbacks", "detour.breaker.state");
        }
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(kv -> kv.getValue().getStringValue()).orElse(null);
    }
}
