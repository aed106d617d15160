package dev.detour.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.testing.CollectingListener;
import dev.detour.core.testing.ScriptedModelPort;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.core.workflow.WorkflowEvent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRunStoreTest {

    @TempDir
    Path directory;

    private final TestCodec codec = new TestCodec();
    private final ScriptedModelPort model = ScriptedModelPort.answering("test", "model-a");
    private SqliteRunStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Path file() {
        return directory.resolve("home/detour.db");
    }

    private SqliteRunStore open() {
        return SqliteRunStore.open(file(), codec);
    }

    private static Step<String, String> ask(String name) {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(name + ":" + input))).text();
    }

    private static Workflow<String, String> twoSteps() {
        return Workflow.step("a", ask("a")).then("b", ask("b")).named("two");
    }

    @Test
    void keepsARunItsStepsAndEventsSoThatAnotherStoreOnTheFileReadsThemBack() {
        store = open();
        CollectingListener events = new CollectingListener();
        Budget budget = Budget.unlimited().withMaxTokens(500).withTimeLimit(Duration.ofMinutes(5));

        RunResult<String> result = new WorkflowEngine(model, Clock.systemUTC(), store)
                .run(twoSteps(), "q", RunOptions.defaults().withBudget(budget).withListener(events).withSettings(List.of(3, 4)));
        store.close();

        try (SqliteRunStore reopened = open()) {
            StoredRun stored = reopened.find(result.record().runId()).orElseThrow();
            assertThat(stored.summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
            assertThat(stored.summary().usage().tokens()).isEqualTo(20);
            assertThat(stored.summary().usage().modelCalls()).isEqualTo(2);
            assertThat(stored.start().input()).isEqualTo("q");
            assertThat(stored.start().settings()).contains(List.of(3, 4));
            assertThat(stored.start().budget()).isEqualTo(budget);
            assertThat(stored.record()).isEqualTo(result.record());
            assertThat(stored.steps()).allSatisfy(step -> assertThat(step.replayable()).isTrue());
            assertThat(stored.steps().get(0).record().location()).isEqualTo(result.record().steps().get(0).location());
            assertThat(stored.result().orElseThrow().output()).contains("b:a:q");
            assertThat(reopened.events(result.record().runId())).isEqualTo(events.events());
            assertThat(stored.lastSequence()).isEqualTo(events.events().size());
        }
    }

    @Test
    void keepsTheCostLimitOfARunsBudget() {
        store = open();
        Budget budget = Budget.unlimited().withMaxTokens(500).withMaxCost(new BigDecimal("0.50"));

        RunResult<String> result = new WorkflowEngine(model, Clock.systemUTC(), store)
                .run(twoSteps(), "q", RunOptions.defaults().withBudget(budget));
        store.close();

        try (SqliteRunStore reopened = open()) {
            assertThat(reopened.find(result.record().runId()).orElseThrow().start().budget()).isEqualTo(budget);
        }
    }

    @Test
    void resumesFromTheFileWhatAProcessThatDiedLeftThere() throws Exception {
        store = open();
        CountDownLatch never = new CountDownLatch(1);
        Workflow<String, String> blocking = Workflow.step("a", ask("a")).then("b", (String input, dev.detour.core.workflow.StepContext context) -> {
            never.await(30, TimeUnit.SECONDS);
            return input;
        }).named("two");
        RunHandle<String> dying = new WorkflowEngine(model, Clock.systemUTC(), store).start(blocking, "q", RunOptions.defaults());
        Path snapshot = directory.resolve("after-crash");
        try (SqliteRunStore watcher = open()) {
            awaitStoredSteps(watcher, dying.runId(), 1);
            copyDatabase(file(), snapshot);
        }
        dying.cancel();
        dying.await();

        ScriptedModelPort afterRestart = ScriptedModelPort.answering("test", "model-a");
        try (SqliteRunStore leftBehind = SqliteRunStore.open(snapshot.resolve("detour.db"), codec)) {
            assertThat(leftBehind.find(dying.runId()).orElseThrow().summary().status())
                    .isEqualTo(RunSummary.Status.UNFINISHED);

            RunResult<String> resumed = new WorkflowEngine(afterRestart, Clock.systemUTC(), leftBehind)
                    .resume(twoSteps(), dying.runId(), RunOptions.defaults()).await();

            assertThat(resumed.output()).contains("b:a:q");
            assertThat(afterRestart.requests()).extracting(ScriptedModelPort::lastUserMessage).containsExactly("b:a:q");
            StoredRun stored = leftBehind.find(dying.runId()).orElseThrow();
            assertThat(stored.summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
            List<Long> sequences = leftBehind.events(dying.runId()).stream().map(WorkflowEvent::sequence).toList();
            assertThat(sequences).isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
            assertThat(leftBehind.events(dying.runId())).filteredOn(WorkflowEvent.RunResumed.class::isInstance).hasSize(1);
        }
    }

    @Test
    void listsRunsNewestFirstByStatusAndIdPrefixAndPrunesOldOnes() {
        store = open();
        WorkflowEngine engine = new WorkflowEngine(model, Clock.systemUTC(), store);
        engine.run(twoSteps(), "first question", RunOptions.defaults().withRunId("aaaa1111-x"));
        engine.run(Workflow.<String, String>step("a", (input, context) -> {
            throw new IllegalStateException("broken");
        }).named("two"), "second question", RunOptions.defaults().withRunId("bbbb2222-y"));

        assertThat(store.list(RunQuery.newest(10))).extracting(RunSummary::runId).containsExactly("bbbb2222-y", "aaaa1111-x");
        assertThat(store.list(RunQuery.newest(1))).extracting(RunSummary::runId).containsExactly("bbbb2222-y");
        assertThat(store.list(RunQuery.newest(10).withStatus(RunSummary.Status.FAILED)))
                .extracting(RunSummary::title).containsExactly("second question");
        assertThat(store.list(RunQuery.newest(10).withIdPrefix("aaaa1111"))).extracting(RunSummary::runId)
                .containsExactly("aaaa1111-x");
        assertThat(store.list(RunQuery.newest(10).withIdPrefix("a%"))).as("a prefix is text, not a pattern").isEmpty();
        assertThat(store.find("bbbb2222-y").orElseThrow().result().orElseThrow())
                .isInstanceOfSatisfying(RunResult.Failed.class, failed -> assertThat(failed.failure()).hasMessage("broken"));

        assertThat(store.deleteStartedBefore(Instant.now().minus(Duration.ofDays(1)))).isZero();
        assertThat(store.deleteStartedBefore(Instant.now().plusSeconds(1))).isEqualTo(2);
        assertThat(store.list(RunQuery.newest(10))).isEmpty();
        assertThat(store.events("aaaa1111-x")).isEmpty();
    }

    @Test
    void storesEventsWithoutWaitingForAStepToEnd() throws Exception {
        store = open();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        model.byDefault((request, context) -> {
            asked.countDown();
            never.await(30, TimeUnit.SECONDS);
            return model.text("late", 1);
        });
        RunHandle<String> running = new WorkflowEngine(model, Clock.systemUTC(), store)
                .start(twoSteps(), "q", RunOptions.defaults());
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();

        try (SqliteRunStore other = open()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (other.events(running.runId()).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(other.events(running.runId())).extracting(event -> event.getClass().getSimpleName())
                    .as("a bare port reports its attempt only once it answers").containsExactly("RunStarted", "StepStarted");
        }
        running.cancel();
        running.await();
    }

    @Test
    void aFullDiskIsAClearErrorNamingTheFileAndTheRunGoesOnUnstored() {
        store = SqliteRunStore.open(file(), codec, Schema.MIGRATIONS, settings -> settings.setMaxPageCount(12));
        model.byDefault(request -> "x".repeat(20_000), 10);

        RunHandle<String> handle = new WorkflowEngine(model, Clock.systemUTC(), store).start(twoSteps(), "q", RunOptions.defaults());
        RunResult<String> result = awaitQuietly(handle);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(handle.storeFailure()).get().isInstanceOf(RunStoreException.class).extracting(Throwable::getMessage)
                .asString().contains("in the run store " + file().toAbsolutePath(), "the disk is full");
    }

    @Test
    void aClosedStoreSaysSo() {
        store = open();
        store.close();

        assertThatThrownBy(() -> store.list(RunQuery.newest(1))).isInstanceOf(RunStoreException.class)
                .hasMessage("the run store " + file().toAbsolutePath() + " is closed");
    }

    @Test
    void aStepOutputTheCodecCannotWriteIsAStoreErrorThatSaysWhatStepsMustReturn() {
        store = open();
        Workflow<String, Object> odd = Workflow.step("odd", (String input, dev.detour.core.workflow.StepContext context) -> new Object());

        RunHandle<Object> handle = new WorkflowEngine(model, Clock.systemUTC(), store).start(odd, "q", RunOptions.defaults());
        awaitQuietly(handle);

        assertThat(handle.storeFailure()).get().extracting(Throwable::getMessage).asString()
                .contains("could not store a StepRecord", "Steps must return plain values such as records");
    }

    @Test
    void keepsTheLatestExecutionOfAStepThatRanAgain() throws Exception {
        store = open();
        WorkflowEngine engine = new WorkflowEngine(model, Clock.systemUTC(), store);
        model.thenReply(ScriptedModelPort.failing(new IllegalStateException("first try broke")));
        RunResult<String> failed = engine.run(twoSteps(), "q");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);

        engine.resume(twoSteps(), failed.record().runId(), RunOptions.defaults()).await();

        assertThat(store.find(failed.record().runId()).orElseThrow().record().steps())
                .extracting(StepRecord::path, StepRecord::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", RunStatus.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("b", RunStatus.COMPLETED));
    }

    @Test
    void writesArrivingTogetherAreCommittedTogetherAndOneThatFailsUndoesOnlyItself() throws Exception {
        store = open();
        int runs = 40;
        WorkflowEngine engine = new WorkflowEngine(model, Clock.systemUTC(), store);
        List<StoredRun> stored = new java.util.ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String runId = engine.run(Workflow.step("a", ask("a")).named("one"), "q" + i).record().runId();
            stored.add(store.find(runId).orElseThrow());
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new java.util.ArrayList<>();
        java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i <= runs; i++) {
            String runId = i < runs ? stored.get(i).runId() : "no-such-run";
            dev.detour.core.workflow.StoredStep step = stored.get(i % runs).steps().get(0);
            dev.detour.core.workflow.StoredStep again = new dev.detour.core.workflow.StoredStep(
                    step.startedSequence(), 1, step.record(), true);
            writers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    store.stepEnded(runId, again, dev.detour.core.workflow.BudgetUsage.NONE);
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }));
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(failures).singleElement().isInstanceOf(RunStoreException.class).extracting(Throwable::getMessage)
                .asString().contains("there is no run no-such-run");
        for (StoredRun run : stored) {
            assertThat(store.find(run.runId()).orElseThrow().steps()).hasSize(2);
        }
    }

    static void awaitStoredSteps(SqliteRunStore store, String runId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (store.find(runId).map(run -> run.steps().size() >= count).orElse(false)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("run " + runId + " did not store " + count + " steps within 20 s");
    }

    private static void copyDatabase(Path from, Path toDirectory) throws Exception {
        Files.createDirectories(toDirectory);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path source = Path.of(from + suffix);
            if (Files.exists(source)) {
                Files.copy(source, toDirectory.resolve(from.getFileName() + suffix));
            }
        }
    }

    private static <O> RunResult<O> awaitQuietly(RunHandle<O> handle) {
        try {
            return handle.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
