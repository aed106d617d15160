package dev.detour.app.cli;

import static dev.detour.app.testing.FakeProvider.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.config.Environment;
import dev.detour.app.testing.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost in both reports: a run whose every answer reports 12 prompt and 8 answer tokens, at $0.15 and $0.60 per
 * million, costs exactly $0.0000066 per answer, in the JSON report per attempt, step and run, and in the
 * Markdown report's provenance table; a model with no price makes it "unknown", never 0.
 */
class ReportCostTest {

    private static final String QWEN_72B = "Qwen/Qwen2.5-72B-Instruct";
    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";
    private static final String ONE_ANSWER = "0.0000066";

    @TempDir
    Path directory;

    private FakeProvider hf;

    @BeforeEach
    void start() throws IOException {
        hf = new FakeProvider("hf-inference");
        hf.always(QWEN_72B, error(500, "{\"error\":\"Internal Server Error\"}"));
    }

    @AfterEach
    void stop() throws IOException {
        hf.close();
    }

    @Test
    void theJsonReportHasTheExactCostOfEveryModelAttemptStepAndTheRun() throws IOException {
        assertThat(detour(priced(true), "--format", "json", "--output", "report.json")).isZero();

        JsonNode report = new ObjectMapper().readTree(directory.resolve("report.json").toFile());
        List<JsonNode> answered = new ArrayList<>();
        for (JsonNode step : report.get("steps")) {
            assertThat(step.get("cost").asText()).as(step.get("path").asText()).isEqualTo(ONE_ANSWER);
            for (JsonNode attempt : step.get("attempts")) {
                if (attempt.get("outcome").asText().equals("SUCCEEDED")) {
                    answered.add(attempt);
                    assertThat(attempt.get("cost").asText()).isEqualTo(ONE_ANSWER);
                } else {
                    assertThat(attempt.get("model").asText()).isEqualTo("hf:" + QWEN_72B);
                    assertThat(attempt.get("cost").asText()).isEqualTo("0");
                }
            }
        }
        assertThat(answered).hasSize(6);
        assertThat(report.get("cost").asText()).isEqualTo("0.0000396");
        assertThat(report.get("markdown").asText()).contains("cost $0.000040._");
    }

    @Test
    void theProvenanceTableHasEachStepsCostAndTheRunsLineItsTotal() throws IOException {
        assertThat(detour(priced(true), "--output", "report.md")).isZero();

        String markdown = Files.readString(directory.resolve("report.md"));
        assertThat(markdown).contains("| Step | Served by | Inference provider | Attempts | Tokens | Cost | Time | Outcome |")
                .containsPattern("\\| plan \\| hf:Qwen/Qwen2\\.5-7B-Instruct \\| hf-inference \\| 2 \\| 20 \\| \\$0\\.000007 \\|")
                .containsPattern("\\| synthesize \\| hf:Qwen/Qwen2\\.5-7B-Instruct \\| hf-inference \\| \\d+ \\| 20 \\| \\$0\\.000007 \\|")
                .contains(", 120 tokens, cost $0.000040._");
    }

    @Test
    void aModelWithNoPriceMakesTheCostUnknownInBothReportsNeverZero() throws IOException {
        assertThat(detour(priced(false), "--format", "json", "--output", "report.json")).isZero();

        JsonNode report = new ObjectMapper().readTree(directory.resolve("report.json").toFile());
        assertThat(report.get("cost").asText()).isEqualTo("unknown");
        assertThat(report.get("steps")).allSatisfy(step -> assertThat(step.get("cost").asText()).isEqualTo("unknown"));
        assertThat(report.get("markdown").asText()).contains("| unknown |", "cost unknown._").doesNotContain("$0.0");
    }

    @Test
    void withoutPricesNeitherReportHasACost() throws IOException {
        Files.writeString(directory.resolve("detour.yaml"), config(""));

        assertThat(detour(directory.resolve("detour.yaml"), "--format", "json", "--output", "report.json")).isZero();

        JsonNode report = new ObjectMapper().readTree(directory.resolve("report.json").toFile());
        assertThat(report.has("cost")).isFalse();
        assertThat(report.get("steps").get(0).has("cost")).isFalse();
        assertThat(report.get("markdown").asText()).doesNotContain("| Cost |", "cost ");
    }

    /** A configuration that prices the failing model, and the answering one too if {@code both}. */
    private Path priced(boolean both) throws IOException {
        String pricing = """
                pricing:
                  "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 0.90, output-per-million: 0.90 }
                """ + (both ? """
                  "hf:Qwen/Qwen2.5-7B-Instruct": { input-per-million: 0.15, output-per-million: 0.60 }
                """ : "");
        Path file = directory.resolve("detour.yaml");
        Files.writeString(file, config(pricing));
        return file;
    }

    private String config(String pricing) {
        return """
                providers:
                  hf: { type: huggingface, base-url: %s, token-env: HF_TOKEN }
                chain: [ "hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-7B-Instruct" ]
                resilience: { max-retries: 0, circuit-breaker: { failure-threshold: 1, open-for: 10m } }
                store: none
                evidence: none
                """.formatted(hf.url("/")) + pricing;
    }

    private int detour(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--quiet", "--config", config.toString()));
        all.addAll(List.of(args));
        all.add("Why do tides happen twice a day?");
        CliContext context = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Environment.of(Map.of("HF_TOKEN", "hf_FakeReportCostToken", "DETOUR_HOME", directory.resolve("home").toString())),
                directory, false);
        return Main.run(context, all.toArray(String[]::new));
    }
}
