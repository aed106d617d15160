package dev.detour.store.sqlite;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.testing.ScriptedModelPort;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code count} two-step workflows, {@code parallel} at a time, against the store in a file: what
 * one Detour process does. {@link SharedFileTest} runs it in a child JVM and in the test's own at once.
 */
final class StoreWriter {

    /** What to do once the store is open, before the first run. */
    @FunctionalInterface
    interface Ready {
        void run() throws Exception;
    }

    private static final int PHASES = 3;

    private StoreWriter() {}

    /**
     * Arguments: the store file, the run-id prefix, the other writer's prefix, how many runs, and how many at once.
     * It says {@code ready} once the store is open, starts at the line {@code go} on its input, and says
     * {@code done} or the ids of the runs that failed.
     */
    public static void main(String[] args) throws Exception {
        List<String> failed = write(Path.of(args[0]), args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                () -> {
                    System.out.println("ready");
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                });
        System.out.println(failed.isEmpty() ? "done" : "failed: " + failed);
    }

    /**
     * Opens the store, runs {@code ready}, then writes the runs in {@value #PHASES} phases, each begun only once the
     * {@code other} writer completed its runs of the phase before, so the two writers' runs are interleaved however
     * slow either process is; the ids of those that did not complete.
     */
    static List<String> write(Path file, String prefix, String other, int count, int parallel, Ready ready) throws Exception {
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        try (SqliteRunStore store = SqliteRunStore.open(file, new TestCodec())) {
            ScriptedModelPort model = ScriptedModelPort.answering("test", "model")
                    .byDefault(request -> "answer to " + ScriptedModelPort.lastUserMessage(request), 10);
            WorkflowEngine engine = new WorkflowEngine(model, Clock.systemUTC(), store);
            Workflow<String, String> workflow = Workflow.step("ask", (String input, dev.detour.core.workflow.StepContext context) ->
                            context.call(ChatRequest.of(ChatMessage.user(input))).text())
                    .then("again", (input, context) -> context.call(ChatRequest.of(ChatMessage.user(input))).text())
                    .named("pair");
            ready.run();
            for (int phase = 0; phase < PHASES; phase++) {
                int from = count * phase / PHASES;
                int to = count * (phase + 1) / PHASES;
                awaitCompleted(store, other, from);
                List<Thread> threads = new ArrayList<>();
                for (int worker = 0; worker < parallel; worker++) {
                    int first = from + worker;
                    threads.add(Thread.ofVirtual().start(() -> {
                        for (int i = first; i < to; i += parallel) {
                            String runId = prefix + "-" + i;
                            RunResult<String> result = engine.run(workflow, prefix + " question " + i,
                                    RunOptions.defaults().withRunId(runId));
                            if (result.status() != RunStatus.COMPLETED) {
                                failed.add(runId);
                            }
                        }
                    }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            }
        }
        return failed;
    }

    private static void awaitCompleted(SqliteRunStore store, String other, int runs) throws InterruptedException {
        RunQuery completed = new RunQuery(1000, Optional.of(RunSummary.Status.COMPLETED), Optional.of(other + "-"));
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (store.list(completed).size() < runs) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the " + other + " writer did not complete " + runs + " runs in 2 minutes");
            }
            Thread.sleep(20);
        }
    }
}
