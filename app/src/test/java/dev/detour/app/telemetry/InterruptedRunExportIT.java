package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped CLI jar stopped by Ctrl-C (SIGINT) in the middle of a model call: the cancelled run's spans, buffered
 * in the SDK's batch processor when the signal came, must still reach the collector before the process ends.
 * Runs in {@code verify}.
 */
class InterruptedRunExportIT {

    @Test
    void aRunStoppedByCtrlCStillExportsItsRunSpanBeforeTheProcessEnds(@TempDir Path directory) throws Exception {
        Path jar = Path.of(System.getProperty("detour.jar", "target/detour.jar"));
        assertThat(jar).as("the CLI jar, built in package").exists();
        Path scenario = directory.resolve("first-model-hangs.yaml");
        Files.writeString(scenario, """
                description: "the first model of the chain answers only after ten minutes"
                models:
                  "hf:Qwen/Qwen2.5-72B-Instruct":
                    served-by: novita
                    behaviours:
                      - kind: ok
                        latency: 600s
                """);
        Path events = directory.resolve("events.jsonl");
        try (OtlpGrpcReceiver collector = new OtlpGrpcReceiver()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "demo", "--scenario", scenario.toString(), "--events", events.toString(),
                    "Why is the sky blue?")
                    .directory(directory.toFile())
                    .redirectOutput(directory.resolve("out").toFile())
                    .redirectError(directory.resolve("err").toFile());
            Map<String, String> variables = builder.environment();
            variables.keySet().removeIf(name -> name.startsWith("OTEL_") || name.equals("DETOUR_CONFIG"));
            variables.put("DETOUR_HOME", directory.resolve("home").toString());
            variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint().toString());
            variables.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
            Process demo = builder.start();
            awaitAttemptStarted(demo, events);

            new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor();

            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the demo ended").isTrue();
            String err = Files.readString(directory.resolve("err"), StandardCharsets.UTF_8);
            assertThat(demo.exitValue()).as(err).isEqualTo(130);
            assertThat(collector.problems).isEmpty();
            List<Span> spans = collector.spans();
            assertThat(spans).extracting(Span::getName).contains("detour.run research", "detour.step plan");
            Span run = spans.stream().filter(span -> span.getName().equals("detour.run research")).findFirst().orElseThrow();
            assertThat(run.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        }
    }

    private static void awaitAttemptStarted(Process demo, Path events) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(events) || !Files.readString(events, StandardCharsets.UTF_8).contains("\"AttemptStarted\"")) {
            assertThat(demo.isAlive()).as("the demo is still running its first call").isTrue();
            assertThat(System.nanoTime()).as("the demo's first model call started within 3 minutes").isLessThan(end);
            Thread.sleep(50);
        }
    }
}
