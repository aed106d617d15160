package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped CLI jar, switched to OTLP/gRPC the way a user does it, with the standard variables only
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} and {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}): its own class path must
 * hold the gRPC sender, and a {@code detour demo} run's spans must reach the collector. Runs in {@code verify}.
 */
class OtlpGrpcJarIT {

    @Test
    void theCliJarExportsADemoRunsSpansOverGrpcWhenTheStandardVariablesSaySo(@TempDir Path directory) throws Exception {
        Path jar = Path.of(System.getProperty("detour.jar", "target/detour.jar"));
        assertThat(jar).as("the CLI jar, built in package").exists();
        try (OtlpGrpcReceiver collector = new OtlpGrpcReceiver()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "demo", "Why is the sky blue?")
                    .directory(directory.toFile())
                    .redirectOutput(directory.resolve("out").toFile())
                    .redirectError(directory.resolve("err").toFile());
            Map<String, String> variables = builder.environment();
            variables.keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("LC_") || name.equals("LANG")
                    || name.equals("DETOUR_CONFIG"));
            variables.put("LC_ALL", "C");
            variables.put("DETOUR_HOME", directory.resolve("home").toString());
            variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint().toString());
            variables.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
            Process demo = builder.start();
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the demo ended").isTrue();
            String err = Files.readString(directory.resolve("err"), StandardCharsets.UTF_8);
            assertThat(demo.exitValue()).as(err).isZero();
            assertThat(err).as("the SDK is shut down once, by Detour").doesNotContain("Multiple shutdown calls");

            assertThat(collector.problems).isEmpty();
            assertThat(collector.traces).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.headers().get("content-type")).isEqualTo("application/grpc"));
            List<Span> spans = collector.spans();
            Span run = spans.stream().filter(span -> span.getName().equals("detour.run research")).findFirst()
                    .orElseThrow(() -> new AssertionError("no run span in " + spans.stream().map(Span::getName).toList()));
            assertThat(spans).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(run.getTraceId()));
            List<Span> attempts = spans.stream().filter(span -> span.getName().startsWith("chat ")).toList();
            assertThat(attempts).isNotEmpty().allSatisfy(attempt -> {
                assertThat(attempt.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(attribute(attempt, "gen_ai.operation.name")).isEqualTo("chat");
                assertThat(attempt.getName()).isEqualTo("chat " + attribute(attempt, "gen_ai.request.model"));
                assertThat(attribute(attempt, "gen_ai.provider.name")).isNotBlank();
            });
            assertThat(attempts).anySatisfy(failed -> assertThat(attribute(failed, "error.type")).isEqualTo("ProviderUnavailable"));
            assertThat(attempts).anySatisfy(served -> {
                assertThat(attribute(served, "gen_ai.response.model")).isNotBlank();
                assertThat(served.getAttributesList()).extracting(KeyValue::getKey)
                        .contains("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");
            });
            assertThat(collector.metrics).isNotEmpty();
        }
    }

    private static String attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
                .map(kv -> kv.getValue().getStringValue()).orElse(null);
    }
}
