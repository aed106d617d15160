package dev.detour.app.cli;

import static dev.detour.app.testing.FakeProvider.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.app.config.Environment;
import dev.detour.app.testing.FakeProvider;
import dev.detour.app.testing.SimulatedSources;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchReport;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.workflow.BudgetExhaustion;
import dev.detour.core.workflow.RunRecord;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.WorkflowEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds {@code docs/output-reference.md} to the real output: every field the JSON report and the event log
 * write is documented there, and every documented field is written by some run (a run that falls back, one
 * where every model fails, and the endings and events a test cannot easily cause, rendered by the same writers).
 */
class OutputReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/output-reference.md");
    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([^`]+)` \\|");
    private static final String QWEN_72B = "Qwen/Qwen2.5-72B-Instruct";
    private static final String QWEN_7B = "Qwen/Qwen2.5-7B-Instruct";

    @TempDir
    Path directory;

    private FakeProvider hf;

    @BeforeEach
    void start() throws IOException {
        hf = new FakeProvider("hf-inference");
        Files.writeString(directory.resolve("detour.yaml"), """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: %s, token-env: HF_TOKEN }
                chain: [ "hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-7B-Instruct" ]
                resilience: { max-retries: 1, backoff: { initial: 10ms, max: 20ms, jitter: 0 },
                              circuit-breaker: { failure-threshold: 2, open-for: 10m } }
                pricing:
                  "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 0.90, output-per-million: 0.90 }
                  "hf:Qwen/Qwen2.5-7B-Instruct": { input-per-million: 0.15, output-per-million: 0.60 }
                """.formatted(hf.url("/")));
    }

    @AfterEach
    void stop() throws IOException {
        hf.close();
    }

    private void detour(String... args) {
        CliContext context = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Environment.of(Map.of("HF_TOKEN", "hf_FakeReferenceToken", "DETOUR_HOME", directory.resolve("home").toString())),
                directory, false);
        Main.run(context, args);
    }

    @Test
    void theReferencePageDocumentsExactlyTheFieldsOfTheJsonReport() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> reports = new ArrayList<>();
        for (String run : runs("--format", "json", "--output")) {
            reports.add(json.readTree(directory.resolve(run).toFile()));
        }
        RunRecord empty = new RunRecord("run-1", "research", Instant.EPOCH, List.of(), 0);
        for (RunResult<ResearchOutcome> ending : List.<RunResult<ResearchOutcome>>of(new RunResult.Cancelled<>(planned()),
                new RunResult.BudgetExhausted<>(new BudgetExhaustion(BudgetExhaustion.Resource.TOKENS, 10, 12), empty))) {
            reports.add(json.readTree(new ReportJson().toJson(new ResearchRun("Why?", ending, ResearchReport.of("Why?", ending)))));
        }
        assertThat(reports).extracting(report -> report.get("status").asText())
                .containsExactly("COMPLETED", "COMPLETED", "FAILED", "FAILED", "CANCELLED", "BUDGET_EXHAUSTED");
        reports.add(json.readTree(groundedReport("hf-outage").toFile()));
        reports.add(json.readTree(groundedReport("sources-down").toFile()));

        Set<String> written = new TreeSet<>();
        reports.forEach(report -> paths(report, "", written));

        assertThat(written).as("fields of the JSON report, against the section 'Report fields' of " + REFERENCE)
                .containsExactlyInAnyOrderElementsOf(documented("Report fields"));
    }

    @Test
    void theReferencePageDocumentsExactlyTheFieldsAndTypesOfEvents() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String log : runs("--quiet", "--events")) {
            lines.addAll(Files.readAllLines(directory.resolve(log)));
        }
        ModelRef model = ModelRef.of("hf", QWEN_72B);
        lines.add(new EventJson().toJson(new WorkflowEvent.RunResumed("run-1", 40, Instant.EPOCH, "research", 5)));
        lines.addAll(searchEvents());
        lines.add(new EventJson().toJson(new WorkflowEvent.StreamReset("run-1", 1, Instant.EPOCH, "synthesize", model,
                ModelRef.of("hf", QWEN_7B))));

        ObjectMapper json = new ObjectMapper();
        Set<String> written = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            types.add(event.get("type").asText());
            paths(event, "", written);
        }

        assertThat(written).as("fields of events, against the section 'Event fields' of " + REFERENCE)
                .containsExactlyInAnyOrderElementsOf(documented("Event fields"));
        assertThat(types).as("event types, against the section 'Event types' of " + REFERENCE)
                .containsExactlyInAnyOrderElementsOf(documented("Event types"))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(WorkflowEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName).toList());
    }

    /** A run record that holds only a completed plan of two sub-questions, as a run cancelled right after planning does. */
    static RunRecord planned() {
        dev.detour.core.research.ResearchState state = new dev.detour.core.research.ResearchState("Why?",
                List.of("What causes it?", "How often?"), List.of(), List.of(), List.of(), false);
        dev.detour.core.workflow.StepRecord plan = new dev.detour.core.workflow.StepRecord(
                dev.detour.core.workflow.StepPath.of(dev.detour.core.workflow.StepPath.Segment.step("plan")), "Why?",
                Optional.of(state), Instant.EPOCH, Duration.ofMillis(5), dev.detour.core.model.TokenUsage.of(3, 4),
                List.of(), dev.detour.core.workflow.RunStatus.COMPLETED, Optional.empty());
        return new RunRecord("run-1", "research", Instant.EPOCH, List.of(plan), 1);
    }

    /** The JSON report of a grounded run against the simulator playing the built-in {@code scenario}. */
    private Path groundedReport(String scenario) throws IOException {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn(scenario))) {
            Files.writeString(directory.resolve("grounded.yaml"), SimulatedSources.config(simulator));
            Path report = directory.resolve("grounded-" + scenario + ".json");
            detour("run", "--config", "grounded.yaml", "--quiet", "--format", "json", "--output", report.toString(), "Why?");
            return report;
        }
    }

    /** The events of grounded research (off in these runs' configuration), as the event log writes them. */
    private static List<String> searchEvents() {
        SourceRef pubmed = SourceRef.of("pubmed");
        String step = "investigate[0]/answer";
        EventJson json = new EventJson();
        return List.of(
                json.toJson(new WorkflowEvent.SearchStarted("run-1", 1, Instant.EPOCH, step, pubmed, "tides moon", 0)),
                json.toJson(new WorkflowEvent.SearchFailed("run-1", 2, Instant.EPOCH, step, "tides moon",
                        Attempt.failed(pubmed, ErrorKind.RATE_LIMITED, OptionalInt.of(429), "API rate limit exceeded",
                                Optional.empty(), 0, Instant.EPOCH, Duration.ofMillis(40)))),
                json.toJson(new WorkflowEvent.SearchSucceeded("run-1", 3, Instant.EPOCH, step, "tides moon", 12,
                        Attempt.succeeded(pubmed, 1, Instant.EPOCH, Duration.ofMillis(80)))),
                json.toJson(new WorkflowEvent.SearchSkipped("run-1", 4, Instant.EPOCH, step, "tides moon",
                        Attempt.skipped(pubmed, SkipReason.CIRCUIT_OPEN, null, Instant.EPOCH))),
                json.toJson(new WorkflowEvent.CitationRejected("run-1", 5, Instant.EPOCH, step,
                        ModelRef.of("hf", QWEN_72B), 4, List.of(7))));
    }

    /**
     * Runs {@code detour run} four times, each writing to the file given after {@code options}: a run that
     * falls back, one the token budget cuts short, one whose synthesis every model fails (the first one's
     * breaker open since the plan), one that fails fast on a request every model would refuse; the files written.
     */
    private List<String> runs(String... options) {
        List<String> files = List.of("fallback", "budget", "synthesis-down", "fail-fast");
        hf.always(QWEN_72B, error(500, "{\"error\":\"Internal Server Error\"}").newBuilder()
                .addHeader("x-inference-provider", "novita").build());
        detour(run(options, files.get(0), "Why?"));
        detour(run(options, files.get(1), "--token-budget", "20", "Why?"));
        hf.script(QWEN_7B, answer("{\"subQuestions\":[\"What causes it?\",\"How often?\",\"Where?\"]}"),
                answer("It is caused by gravity."), answer("Twice a day."), answer("Everywhere."),
                answer("{\"sufficient\":true,\"gaps\":[],\"followUpQuestions\":[]}"));
        hf.always(QWEN_7B, error(402, "{\"error\":\"You have depleted your monthly included credits.\"}").newBuilder()
                .addHeader("x-inference-provider", "hf-inference").build());
        detour(run(options, files.get(2), "Why?"));
        hf.always(QWEN_72B, error(400, "{\"error\":\"Input validation error: inputs must not be empty\"}"));
        detour(run(options, files.get(3), "Why?"));
        return files;
    }

    private static MockResponse answer(String content) {
        return FakeProvider.completion(QWEN_7B, content, 12, 8).newBuilder().addHeader("x-inference-provider", "hf-inference").build();
    }

    private static String[] run(String[] options, String file, String... rest) {
        List<String> args = new ArrayList<>(List.of("run", "--quiet"));
        args.addAll(List.of(options));
        args.add(file);
        args.addAll(List.of(rest));
        return args.stream().distinct().toArray(String[]::new);
    }

    /** Every field path in {@code node}: {@code steps}, {@code steps[].attempts[].kind}, and so on. */
    private static void paths(JsonNode node, String prefix, Set<String> paths) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                paths.add(path);
                paths(field.getValue(), path, paths);
            }
        } else if (node.isArray()) {
            node.forEach(item -> paths(item, prefix + "[]", paths));
        }
    }

    /** The backticked first cells of the tables under the heading {@code ## section}. */
    private static List<String> documented(String section) throws IOException {
        List<String> fields = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inside = line.substring(3).strip().equals(section);
                continue;
            }
            Matcher row = FIELD_ROW.matcher(line);
            if (inside && row.find()) {
                fields.add(row.group(1));
            }
        }
        assertThat(fields).as("the section '%s' of %s", section, REFERENCE).isNotEmpty();
        return fields;
    }
}
