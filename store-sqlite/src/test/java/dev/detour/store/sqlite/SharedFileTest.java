package dev.detour.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.WorkflowEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes writing runs to one store file at the same time lose nothing and mix nothing. */
class SharedFileTest {

    private static final int RUNS_EACH = 25;

    @TempDir
    Path directory;

    @Test
    void twoProcessesWritingToOneFileAtOnceBothCompleteEveryRunAndListThemAll() throws Exception {
        Path file = directory.resolve("detour.db");
        SqliteRunStore.open(file, new TestCodec()).close();
        Process child = childWriter(file, "child");
        BufferedReader childSays = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(childSays.readLine()).isEqualTo("ready");
        List<String> failedHere = StoreWriter.write(file, "parent", "child", RUNS_EACH, 4, () -> {
            child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
        });
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the child process finished").isTrue();
        String childOutput = childSays.lines().collect(java.util.stream.Collectors.joining("\n"));

        assertThat(child.exitValue()).as("child said: %s", childOutput).isZero();
        assertThat(childOutput).contains("done");
        assertThat(failedHere).isEmpty();
        try (SqliteRunStore store = SqliteRunStore.open(file, new TestCodec())) {
            List<RunSummary> runs = store.list(RunQuery.newest(1000));
            assertThat(runs).as("the two processes wrote at the same time").extracting(run -> run.runId().split("-")[0])
                    .containsSubsequence("parent", "child", "parent").containsSubsequence("child", "parent", "child");
            assertThat(runs).hasSize(2 * RUNS_EACH).allSatisfy(run ->
                    assertThat(run.status()).isEqualTo(RunSummary.Status.COMPLETED));
            for (RunSummary run : runs) {
                String owner = run.runId().substring(0, run.runId().indexOf('-'));
                StoredRun stored = store.find(run.runId()).orElseThrow();
                assertThat(stored.start().input()).asString().startsWith(owner + " question ");
                assertThat(stored.steps()).hasSize(2).allSatisfy(step ->
                        assertThat(step.record().input()).asString().contains(owner + " question "));
                List<WorkflowEvent> events = store.events(run.runId());
                assertThat(events).allSatisfy(event -> assertThat(event.runId()).isEqualTo(run.runId()));
                assertThat(events).extracting(WorkflowEvent::sequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                assertThat(events.get(events.size() - 1)).isInstanceOf(WorkflowEvent.RunCompleted.class);
            }
        }
    }

    private static Process childWriter(Path file, String prefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StoreWriter.class.getName(), file.toString(), prefix, "parent", String.valueOf(RUNS_EACH), "4"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
