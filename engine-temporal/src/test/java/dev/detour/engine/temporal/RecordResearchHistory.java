package dev.detour.engine.temporal;

import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Records the history {@code TemporalEngineTest} replays: a research run against {@link ResearchModel} on
 * the in-memory test server, written as Temporal's JSON. Run it again only when a change to the workflow
 * or its interpreter is meant to change what runs record, and say so in the commit:
 * {@code java -cp <test class path> dev.detour.engine.temporal.RecordResearchHistory engine-temporal/src/test/resources/histories/research-run.json}.
 */
final class RecordResearchHistory {

    static final String RESOURCE = "histories/research-run.json";

    private RecordResearchHistory() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "engine-temporal/src/test/resources/" + RESOURCE);
        try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default")).build());
                TemporalWorker worker = TemporalWorker.start(environment.getWorkflowClient(), "record", new ResearchModel(),
                        WorkflowCatalog.empty().with(ResearchWorkflow.NAME, ResearchSettings.class,
                                ResearchSettings.defaults(), ResearchWorkflow::of), List.of())) {
            TemporalRun<ResearchOutcome> run = TemporalRuns.on(environment.getWorkflowClient(), worker.taskQueue())
                    .start(ResearchWorkflow.NAME, "Why do tides happen twice a day?", Optional.of(ResearchSettings.defaults()),
                            RunOptions.defaults().withRunId("recorded-research-run"));
            RunResult<ResearchOutcome> result = run.await(Duration.ofMinutes(1)).orElseThrow();
            if (result.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("the recorded run did not complete: " + result.status());
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, environment.getWorkflowClient().fetchHistory(run.runId()).toJson(true) + "\n",
                    StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
        }
    }
}
