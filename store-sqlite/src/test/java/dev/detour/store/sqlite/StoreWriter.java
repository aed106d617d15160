package dev.detour.store.sqlite;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.testing.ScriptedModelPort;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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

    private StoreWriter() {}

    /**
     * Arguments: the store file, the run-id prefix, how many runs, and how many at once. It says
     * {@code ready} once the store is open, starts at the line {@code go} on its input, and says
     * {@code done} or the ids of the runs that failed.
     */
    public static void main(String[] args) throws Exception {
        List<String> failed = write(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), () -> {
            System.out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        });
        System.out.println(failed.isEmpty() ? "done" : "failed: " + failed);
    }

    /** Opens the store, runs {@code ready}, then writes the runs; the ids of those that did not complete. */
    static List<String> write(Path file, String prefix, int count, int parallel, Ready ready) throws Exception {
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
            List<Thread> threads = new ArrayList<>();
            for (int worker = 0; worker < parallel; worker++) {
                int first = worker;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = first; i < count; i += parallel) {
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
        return failed;
    }
}
