package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a child JVM under {@code LC_ALL=C}, the default of containers and CI: reports and events are
 * UTF-8 all the same, the progress marks fall back to ASCII, and a question the JVM could not decode is
 * refused with what to do instead of being sent as U+FFFD.
 */
class LocaleTest {

    private static final String MODEL = "Qwen/Qwen2.5-7B-Instruct";
    private static final String ANSWER = "La marée monte deux fois par jour — à cause de la Lune ✓.";

    @TempDir
    Path directory;

    private FakeProvider hf;

    @BeforeEach
    void start() throws IOException {
        hf = new FakeProvider("hf-inference");
        hf.script(MODEL, FakeProvider.completion(MODEL, "{\"subQuestions\":[\"Pourquoi la marée ?\",\"Où ?\",\"Quand ?\"]}", 12, 8),
                FakeProvider.completion(MODEL, ANSWER, 12, 8), FakeProvider.completion(MODEL, ANSWER, 12, 8),
                FakeProvider.completion(MODEL, ANSWER, 12, 8));
        Files.writeString(directory.resolve("detour.yaml"), """
                evidence: none
                providers:
                  hf: { type: huggingface, base-url: %s }
                chain: [ "hf:Qwen/Qwen2.5-7B-Instruct" ]
                workflow: { max-iterations: 1 }
                """.formatted(hf.url("/")));
    }

    @AfterEach
    void stop() throws IOException {
        hf.close();
    }

    private ChildCli.Result detour(String... args) throws IOException, InterruptedException {
        return ChildCli.run(directory, Map.of(), args);
    }

    @Test
    void writesTheReportAndEventsInUtf8AndMarksProgressInAsciiUnderTheCLocale() throws Exception {
        ChildCli.Result child = detour("run", "--events", "events.jsonl", "Why do tides happen?");

        assertThat(child.exit()).as(child.err()).isZero();
        assertThat(child.out()).contains("### 1. Pourquoi la marée ?", ANSWER).doesNotContain("?e", "\uFFFD");
        assertThat(Files.readString(directory.resolve("events.jsonl"), StandardCharsets.UTF_8)).contains("\"runId\"");
        assertThat(child.err()).contains("+ plan (").doesNotContain("✓", "\uFFFD");
    }

    @Test
    void writesTheReportFileInUtf8UnderTheCLocale() throws Exception {
        ChildCli.Result child = detour("run", "--quiet", "--output", "report.md", "Why do tides happen?");

        assertThat(child.exit()).as(child.err()).isZero();
        assertThat(Files.readString(directory.resolve("report.md"), StandardCharsets.UTF_8)).contains(ANSWER);
    }

    @Test
    void showsDetoursDiagnosticsWithVerboseOnly() throws Exception {
        ChildCli.Result quiet = detour("models");
        ChildCli.Result verbose = detour("models", "--verbose");

        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).doesNotContain("[DEBUG]");
        assertThat(verbose.exit()).isZero();
        assertThat(verbose.err()).contains("[DEBUG] Session - configuration from", "[DEBUG] Session - provider hf: type huggingface");
    }

    @Test
    void refusesAQuestionTheLocaleCorruptedInsteadOfSendingIt() throws Exception {
        ChildCli.Result child = detour("run", "Pourquoi la marée monte-t-elle ?");

        assertThat(child.exit()).isEqualTo(2);
        assertThat(child.err()).contains("the question arrived with characters that could not be read",
                "LC_ALL=C.UTF-8");
        assertThat(hf.received()).isEmpty();
    }
}
