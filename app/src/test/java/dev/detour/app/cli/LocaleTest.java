package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        hf.script(MODEL, FakeProvider.chat(MODEL, "{\"subQuestions\":[\"Pourquoi la marée ?\",\"Où ?\",\"Quand ?\"]}"),
                FakeProvider.chat(MODEL, ANSWER), FakeProvider.chat(MODEL, ANSWER), FakeProvider.chat(MODEL, ANSWER));
        Files.writeString(directory.resolve("detour.yaml"), """
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

    /** What the child wrote, as bytes decoded as UTF-8. */
    private record Child(int exit, String out, String err) {}

    private Child detour(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(directory.resolve("out.bin").toFile()).redirectError(directory.resolve("err.bin").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.equals("DETOUR_CONFIG"));
        environment.put("LC_ALL", "C");
        environment.put("TERM", "xterm");
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
        return new Child(process.exitValue(),
                new String(Files.readAllBytes(directory.resolve("out.bin")), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(directory.resolve("err.bin")), StandardCharsets.UTF_8));
    }

    @Test
    void writesTheReportAndEventsInUtf8AndMarksProgressInAsciiUnderTheCLocale() throws Exception {
        Child child = detour("run", "--events", "events.jsonl", "Why do tides happen?");

        assertThat(child.exit()).as(child.err()).isZero();
        assertThat(child.out()).contains("### 1. Pourquoi la marée ?", ANSWER).doesNotContain("?e", "\uFFFD");
        assertThat(Files.readString(directory.resolve("events.jsonl"), StandardCharsets.UTF_8)).contains("\"runId\"");
        assertThat(child.err()).contains("+ plan (").doesNotContain("✓", "\uFFFD");
    }

    @Test
    void writesTheReportFileInUtf8UnderTheCLocale() throws Exception {
        Child child = detour("run", "--quiet", "--output", "report.md", "Why do tides happen?");

        assertThat(child.exit()).as(child.err()).isZero();
        assertThat(Files.readString(directory.resolve("report.md"), StandardCharsets.UTF_8)).contains(ANSWER);
    }

    @Test
    void refusesAQuestionTheLocaleCorruptedInsteadOfSendingIt() throws Exception {
        Child child = detour("run", "Pourquoi la marée monte-t-elle ?");

        assertThat(child.exit()).isEqualTo(2);
        assertThat(child.err()).contains("the question arrived with characters that could not be read",
                "LC_ALL=C.UTF-8");
        assertThat(hf.received()).isEmpty();
    }
}
