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
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exporter wiring itself: {@code telemetry: { exporter: otlp, endpoint: …, protocol: … }} sends OTLP over
 * HTTP, or over gRPC, that a collector on loopback decodes.
 */
class OtlpExportTest {

    @Test
    void aConfiguredOtlpExporterSendsTheAttemptSpansAndMetricsToTheCollector() {
        try (OtlpReceiver collector = new OtlpReceiver()) {
            chatWithTelemetry(TelemetryConfig.otlp(collector.endpoint(), "http/protobuf"));

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
            assertThat(metricNames(collector.metrics)).contains("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
                    "detour.attempts", "detour.fallbacks", "detour.breaker.state");
        }
    }

    @Test
    void aGrpcOtlpExporterSendsTheAttemptSpansWithTheirGenAiAttributesAndTheMetrics() {
        try (OtlpGrpcReceiver collector = new OtlpGrpcReceiver()) {
            ChatResponse answer = chatWithTelemetry(TelemetryConfig.otlp(collector.endpoint(), "grpc"));

            assertThat(collector.problems).isEmpty();
            assertThat(collector.traces).isNotEmpty().allSatisfy(call -> {
                assertThat(call.version()).isEqualTo("HTTP/2");
                assertThat(call.headers().get("content-type")).isEqualTo("application/grpc");
                assertThat(call.headers().get("te")).isEqualTo("trailers");
            });
            List<Span> spans = collector.spans();
            assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder(
                    "chat Qwen/Qwen2.5-72B-Instruct", "chat Qwen/Qwen2.5-72B-Instruct", "chat Qwen/Qwen2.5-72B-Instruct",
                    "chat Qwen/Qwen2.5-7B-Instruct", "detour.chain");
            Span chain = spans.stream().filter(span -> span.getName().equals("detour.chain")).findFirst().orElseThrow();
            List<Span> attempts = spans.stream().filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).toList();
            assertThat(attempts).hasSize(4).allSatisfy(attempt -> {
                assertThat(attempt.getParentSpanId()).isEqualTo(chain.getSpanId());
                assertThat(string(attempt, "gen_ai.operation.name")).isEqualTo("chat");
                assertThat(string(attempt, "gen_ai.provider.name")).isEqualTo("huggingface");
                assertThat(string(attempt, "server.address")).isEqualTo("127.0.0.1");
            });
            assertThat(attempts).filteredOn(attempt -> attempt.getName().equals("chat Qwen/Qwen2.5-72B-Instruct"))
                    .hasSize(3).allSatisfy(failed -> {
                        assertThat(string(failed, "gen_ai.request.model")).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
                        assertThat(string(failed, "error.type")).isEqualTo("ProviderUnavailable");
                        assertThat(string(failed, "detour.inference_provider")).isEqualTo("novita");
                        assertThat(value(failed, "http.response.status_code").getIntValue()).isEqualTo(500);
                        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
                    });
            Span rescue = attempts.stream().filter(attempt -> attempt.getName().equals("chat Qwen/Qwen2.5-7B-Instruct"))
                    .findFirst().orElseThrow();
            assertThat(string(rescue, "gen_ai.response.model")).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
            assertThat(value(rescue, "gen_ai.usage.input_tokens").getIntValue()).isEqualTo(answer.usage().promptTokens());
            assertThat(value(rescue, "gen_ai.usage.output_tokens").getIntValue()).isEqualTo(answer.usage().completionTokens());
            assertThat(string(chain, "detour.served_by")).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct");
            assertThat(collector.traces.get(0).message().getResourceSpans(0).getResource().getAttributesList())
                    .anySatisfy(kv -> {
                        assertThat(kv.getKey()).isEqualTo("service.name");
                        assertThat(kv.getValue().getStringValue()).isEqualTo("detour");
                    });

            assertThat(metricNames(collector.metrics.stream().map(OtlpGrpcReceiver.Call::message).toList())).contains("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
                    "detour.attempts", "detour.fallbacks", "detour.breaker.state");
        }
    }

    /** One chat call through Detour's chain during the hf-outage scenario, its telemetry exported as {@code telemetry} says. */
    private static ChatResponse chatWithTelemetry(TelemetryConfig telemetryConfig) {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            DetourConfig config = TelemetryRig.config(simulator).withTelemetry(telemetryConfig);
            Injector injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of())));
            Telemetry telemetry = injector.getInstance(Telemetry.class);
            assertThat(telemetry.enabled()).isTrue();
            try {
                return injector.getInstance(ModelPort.class).chat(ChatRequest.of(ChatMessage.user("Why is the sky blue?")));
            } finally {
                injector.getInstance(Providers.class).close();
                telemetry.close();
            }
        }
    }

    private static List<String> metricNames(List<ExportMetricsServiceRequest> requests) {
        return requests.stream()
                .flatMap(request -> request.getResourceMetricsList().stream())
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .map(metric -> metric.getName())
                .toList();
    }

    private static String string(Span span, String key) {
        return value(span, key).getStringValue();
    }

    private static AnyValue value(Span span, String key) {
        List<KeyValue> attributes = span.getAttributesList();
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).findFirst().map(KeyValue::getValue)
                .orElseThrow(() -> new AssertionError(span.getName() + " has no attribute " + key + ": " + attributes));
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(kv -> kv.getValue().getStringValue()).orElse(null);
    }
}
