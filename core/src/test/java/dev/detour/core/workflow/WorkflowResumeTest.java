package dev.detour.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelRef;
import dev.detour.core.testing.CollectingListener;
import dev.detour.core.testing.InMemoryRunStore;
import dev.detour.core.testing.ScriptedModelPort;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkflowResumeTest {

    private final InMemoryRunStore store = new InMemoryRunStore();
    private final ScriptedModelPort model = ScriptedModelPort.answering("test", "model-a");
    private final WorkflowEngine engine = new WorkflowEngine(model, Clock.systemUTC(), store);

    private static Step<String, String> ask(String name) {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(name + ":" + input))).text();
    }

    /** A step that asks the model, then waits for {@code release} unless it is already open. */
    private static Step<String, String> askThenWait(String name, CountDownLatch started, CountDownLatch release) {
        return (input, context) -> {
            String answer = context.call(ChatRequest.of(ChatMessage.user(name + ":" + input))).text();
            started.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released " + name);
            }
            return answer;
        };
    }

    private static Workflow<String, String> threeSteps(Step<String, String> third) {
        return Workflow.step("a", ask("a")).then("b", ask("b")).then("c", third).named("three");
    }

    @Test
    void aCompletedStepIsStoredBeforeTheStepThatDependsOnItStarts() throws Exception {
        AtomicInteger storedWhenBStarted = new AtomicInteger(-1);
        Workflow<String, String> workflow = Workflow.step("a", ask("a")).then("b", (String input, StepContext context) -> {
            StoredRun stored = store.find(context.runId()).orElseThrow();
            storedWhenBStarted.set(stored.steps().size());
            assertThat(stored.steps()).singleElement().satisfies(step -> {
                assertThat(step.record().path()).isEqualTo("a");
                assertThat(step.record().output()).contains(input);
                assertThat(step.replayable()).isTrue();
            });
            return input;
        });

        RunResult<String> result = engine.run(workflow, "x");

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(storedWhenBStarted).hasValue(1);
        StoredRun stored = store.find(result.record().runId()).orElseThrow();
        assertThat(stored.summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(stored.start().input()).isEqualTo("x");
        assertThat(stored.start().title()).isEqualTo("x");
        assertThat(stored.record().steps()).extracting(StepRecord::path).containsExactly("a", "b");
        assertThat(stored.result().orElseThrow().output()).contains("a:x");
        assertThat(store.events(result.record().runId())).extracting(WorkflowEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void resumingAfterACrashReturnsRecordedOutputsWithoutCallingAModelAndRunsTheInterruptedStepAgain() throws Exception {
        CountDownLatch cStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        model.byDefault(request -> "answer to " + ScriptedModelPort.lastUserMessage(request), 10);
        RunHandle<String> crashing = engine.start(threeSteps(askThenWait("c", cStarted, never)), "q", RunOptions.defaults());
        assertThat(cStarted.await(10, TimeUnit.SECONDS)).isTrue();
        InMemoryRunStore leftBehind = store.copy();
        crashing.cancel();
        crashing.await();

        ScriptedModelPort afterRestart = ScriptedModelPort.answering("test", "model-a")
                .byDefault(request -> "fresh " + ScriptedModelPort.lastUserMessage(request), 10);
        AtomicInteger aRuns = new AtomicInteger();
        Workflow<String, String> again = Workflow.<String, String>step("a", (input, context) -> {
                    aRuns.incrementAndGet();
                    return "a ran again";
                })
                .then("b", ask("b")).then("c", ask("c")).named("three");
        CollectingListener events = new CollectingListener();
        WorkflowEngine restarted = new WorkflowEngine(afterRestart, Clock.systemUTC(), leftBehind);
        long lastStored = leftBehind.find(crashing.runId()).orElseThrow().lastSequence();

        RunResult<String> result = restarted.resume(again, crashing.runId(), RunOptions.defaults().withListener(events)).await();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(aRuns).as("a completed before the crash").hasValue(0);
        assertThat(afterRestart.requests()).as("only c, which was running at the crash, calls a model again")
                .extracting(ScriptedModelPort::lastUserMessage).containsExactly("c:answer to b:answer to a:q");
        assertThat(result.output()).contains("fresh c:answer to b:answer to a:q");
        assertThat(result.record().runId()).isEqualTo(crashing.runId());
        assertThat(result.record().steps()).extracting(StepRecord::path).containsExactly("a", "b", "c");
        assertThat(result.record().modelCalls())
                .as("the calls stored with the last step before the crash count, and the one after").isEqualTo(3);
        assertThat(events.events().get(0)).isInstanceOfSatisfying(WorkflowEvent.RunResumed.class, resumed -> {
            assertThat(resumed.sequence()).as("events number on from the stored ones").isEqualTo(lastStored + 1);
            assertThat(resumed.recordedSteps()).isEqualTo(2);
        });
        assertThat(events.eventsOf(WorkflowEvent.StepStarted.class)).extracting(WorkflowEvent.StepStarted::step)
                .as("recorded steps publish no events of their own").containsExactly("c");
        List<Long> sequences = leftBehind.events(crashing.runId()).stream().map(WorkflowEvent::sequence).toList();
        assertThat(sequences).as("one numbering over both sessions")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
        assertThat(leftBehind.find(crashing.runId()).orElseThrow().summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
    }

    @Test
    void resumeRunsOnlyTheParallelItemsThatHadNotCompleted() throws Exception {
        CountDownLatch twoDone = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        store.watchSteps(step -> {
            if (step.record().status() == RunStatus.COMPLETED) {
                twoDone.countDown();
            }
        });
        Workflow<List<String>, List<String>> items = Workflow.parallelMap("each", Workflow.step("answer",
                (String item, StepContext context) -> {
                    if (item.equals("slow")) {
                        never.await(30, TimeUnit.SECONDS);
                    }
                    return context.call(ChatRequest.of(ChatMessage.user(item))).text();
                }), 3);
        RunHandle<List<String>> crashing = engine.start(items, List.of("one", "two", "slow"), RunOptions.defaults());
        assertThat(twoDone.await(10, TimeUnit.SECONDS)).isTrue();
        InMemoryRunStore leftBehind = store.copy();
        crashing.cancel();
        crashing.await();
        ScriptedModelPort afterRestart = ScriptedModelPort.answering("test", "model-a");
        Workflow<List<String>, List<String>> fast = Workflow.parallelMap("each", Workflow.step("answer",
                (String item, StepContext context) -> context.call(ChatRequest.of(ChatMessage.user(item))).text()), 3);

        RunResult<List<String>> result = new WorkflowEngine(afterRestart, Clock.systemUTC(), leftBehind)
                .resume(fast, crashing.runId(), RunOptions.defaults()).await();

        assertThat(result.output()).contains(List.of("one", "two", "slow"));
        assertThat(afterRestart.requests()).extracting(ScriptedModelPort::lastUserMessage).containsExactly("slow");
    }

    @Test
    void aRunWhoseBudgetRanOutResumesWithALargerBudgetCountingWhatItSpent() throws Exception {
        model.byDefault(request -> "answer", 40);
        Budget small = Budget.unlimited().withMaxTokens(70);

        RunResult<String> first = engine.run(threeSteps(ask("c")), "q", RunOptions.defaults().withBudget(small));

        assertThat(first.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        String runId = first.record().runId();
        assertThat(store.find(runId).orElseThrow().summary().status()).isEqualTo(RunSummary.Status.BUDGET_EXHAUSTED);
        assertThat(model.calls()).isEqualTo(2);

        RunResult<String> sameBudget = engine.resume(threeSteps(ask("c")), runId,
                RunOptions.defaults().withBudget(small)).await();
        assertThat(sameBudget.status()).as("80 of 70 tokens were spent already").isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(model.calls()).isEqualTo(2);

        RunResult<String> larger = engine.resume(threeSteps(ask("c")), runId,
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(150))).await();
        assertThat(larger.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.requests()).extracting(ScriptedModelPort::lastUserMessage)
                .containsExactly("a:q", "b:answer", "c:answer");
        StoredRun stored = store.find(runId).orElseThrow();
        assertThat(stored.summary().usage().tokens()).isEqualTo(120);
        assertThat(stored.summary().usage().modelCalls()).isEqualTo(3);
        assertThat(stored.summary().status()).isEqualTo(RunSummary.Status.COMPLETED);
        assertThat(store.budget(runId)).isEqualTo(Budget.unlimited().withMaxTokens(150));
    }

    @Test
    void aRunWhoseCostBudgetRanOutResumesCountingWhatItCostAlready() throws Exception {
        model.byDefault(request -> "answer", 40);
        Pricing dollarPerMillion = new Pricing(Map.of(ModelRef.of("test", "model-a"), new Price(BigDecimal.ONE, BigDecimal.ONE)));
        WorkflowEngine priced = new WorkflowEngine(model, Clock.systemUTC(), List.of(), dollarPerMillion, store);
        Budget small = Budget.unlimited().withMaxCost(new BigDecimal("0.00007"));

        RunResult<String> first = priced.run(threeSteps(ask("c")), "q", RunOptions.defaults().withBudget(small));

        assertThat(first.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(model.calls()).isEqualTo(2);
        String runId = first.record().runId();
        assertThat(store.find(runId).orElseThrow().start().budget()).isEqualTo(small);

        RunResult<String> sameBudget = priced.resume(threeSteps(ask("c")), runId,
                RunOptions.defaults().withBudget(small)).await();
        assertThat(sameBudget.status()).as("$0.00008 of $0.00007 was spent already").isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(model.calls()).isEqualTo(2);

        RunResult<String> larger = priced.resume(threeSteps(ask("c")), runId,
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxCost(new BigDecimal("0.00015")))).await();
        assertThat(larger.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.calls()).isEqualTo(3);
        assertThat(larger.record().cost(dollarPerMillion).known()).isEqualByComparingTo("0.00012");
    }

    @Test
    void aStepTheBudgetCutShortRunsAgainOnResumeInsteadOfReturningItsShortOutput() throws Exception {
        model.byDefault(request -> "answer", 40);
        Step<String, String> thrifty = (input, context) -> {
            try {
                return context.call(ChatRequest.of(ChatMessage.user("b:" + input))).text();
            } catch (BudgetExhaustedException e) {
                return "no budget left";
            }
        };
        Workflow<String, String> workflow = Workflow.step("a", ask("a")).then("b", thrifty)
                .then("c", (String input, StepContext context) -> input.toUpperCase()).named("three");

        RunResult<String> first = engine.run(workflow, "q", RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(30)));

        assertThat(first.output()).contains("NO BUDGET LEFT");
        StoredRun stored = store.find(first.record().runId()).orElseThrow();
        assertThat(stored.summary().status()).as("it completed, but only because it made do")
                .isEqualTo(RunSummary.Status.BUDGET_EXHAUSTED);
        assertThat(stored.resumable()).isTrue();

        RunResult<String> resumed = engine.resume(workflow, first.record().runId(), RunOptions.defaults()).await();

        assertThat(resumed.output()).as("c's recorded input is no longer its input, so it runs again").contains("ANSWER");
        assertThat(model.requests()).extracting(ScriptedModelPort::lastUserMessage).containsExactly("a:q", "b:answer");
    }

    @Test
    void aStepWhoseAnswerTheTokensLeftCutShortRunsAgainOnResume() throws Exception {
        model.byDefault((request, context) -> {
            int cap = request.options().maxOutputTokens().orElse(Integer.MAX_VALUE);
            return cap < 100
                    ? dev.detour.core.model.ChatResponse.of(model.model(), "cut", dev.detour.core.model.FinishReason.of("length"),
                            dev.detour.core.model.TokenUsage.of(5, cap))
                    : model.text("whole answer", 40);
        });

        RunResult<String> first = engine.run(threeSteps(ask("c")), "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(100)));

        assertThat(first.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        StoredRun stored = store.find(first.record().runId()).orElseThrow();
        assertThat(stored.steps()).extracting(step -> step.record().path(), StoredStep::replayable)
                .as("b completed, but with its answer cut at the 60 tokens that were left")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", true), org.assertj.core.groups.Tuple.tuple("b", false),
                        org.assertj.core.groups.Tuple.tuple("c", false));

        RunResult<String> resumed = engine.resume(threeSteps(ask("c")), first.record().runId(),
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(100_000))).await();

        assertThat(resumed.output()).contains("whole answer");
        assertThat(model.requests()).extracting(ScriptedModelPort::lastUserMessage)
                .containsExactly("a:q", "b:whole answer", "b:whole answer", "c:whole answer");
    }

    @Test
    void aCancelledRunResumesFromItsCompletedSteps() throws Exception {
        CountDownLatch bStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Workflow<String, String> workflow = Workflow.step("a", ask("a"))
                .then("b", askThenWait("b", bStarted, never)).named("two");
        RunHandle<String> handle = engine.start(workflow, "q", RunOptions.defaults());
        assertThat(bStarted.await(10, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        assertThat(handle.await().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(store.find(handle.runId()).orElseThrow().summary().status()).isEqualTo(RunSummary.Status.CANCELLED);

        never.countDown();
        RunResult<String> resumed = engine.resume(workflow, handle.runId(), RunOptions.defaults()).await();

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(model.requests()).extracting(ScriptedModelPort::lastUserMessage).containsExactly("a:q", "b:a:q", "b:a:q");
        assertThat(resumed.record().steps()).extracting(StepRecord::path).containsExactly("a", "b");
    }

    @Test
    void aStepThatFailedRunsAgainOnResumeAndTheStoreKeepsItsLatestExecution() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        Workflow<String, String> workflow = Workflow.<String, String>step("a", (input, context) -> {
                    if (failures.getAndDecrement() > 0) {
                        throw new IllegalStateException("a broke");
                    }
                    return input + "!";
                })
                .then("b", ask("b")).named("two");
        RunResult<String> first = engine.run(workflow, "q");
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);

        RunResult<String> resumed = engine.resume(workflow, first.record().runId(), RunOptions.defaults()).await();

        assertThat(resumed.output()).contains("b:q!");
        assertThat(store.find(first.record().runId()).orElseThrow().steps())
                .as("the store keeps the latest execution of each step").extracting(step -> step.record().status())
                .containsExactly(RunStatus.COMPLETED, RunStatus.COMPLETED);
    }

    @Test
    void refusesToResumeACompletedRunAnotherWorkflowOrAnUnknownRun() throws Exception {
        RunResult<String> done = engine.run(threeSteps(ask("c")), "q");
        String runId = done.record().runId();

        assertThatThrownBy(() -> engine.resume(threeSteps(ask("c")), runId, RunOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("run " + runId + " completed; there is nothing to resume");
        assertThatThrownBy(() -> engine.resume(Workflow.step("other", ask("x")), runId, RunOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ran the workflow \"three\", not \"other\"");
        assertThatThrownBy(() -> engine.resume(threeSteps(ask("c")), "no-such-run", RunOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there is no run no-such-run in in-memory run store");
        assertThatThrownBy(() -> new WorkflowEngine(model).resume(threeSteps(ask("c")), runId, RunOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no run store");
    }

    @Test
    void aStoreThatFailsNeverFailsTheRunAndTheHandleSaysWhy() throws Exception {
        RunStoreException diskFull = new RunStoreException("cannot write the run store /tmp/x.db: disk full");
        Workflow<String, String> workflow = Workflow.step("a", ask("a")).then("b", (String input, StepContext context) -> {
            store.failWritesWith(diskFull);
            return context.call(ChatRequest.of(ChatMessage.user("b:" + input))).text();
        });

        RunHandle<String> handle = engine.start(workflow, "q", RunOptions.defaults());
        RunResult<String> result = handle.await();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.output()).contains("b:a:q");
        assertThat(handle.storeFailure()).containsSame(diskFull);
    }

    @Test
    void listsStoredRunsNewestFirstByStatusAndIdPrefixAndDeletesOldOnes() throws Exception {
        engine.run(Workflow.step("a", ask("a")), "first", RunOptions.defaults().withRunId("aaaa-1"));
        engine.run(Workflow.<String, String>step("a", (input, context) -> {
            throw new IllegalStateException("broken");
        }), "second", RunOptions.defaults().withRunId("bbbb-2"));

        assertThat(store.list(RunQuery.newest(10))).extracting(RunSummary::runId).containsExactlyInAnyOrder("aaaa-1", "bbbb-2");
        assertThat(store.list(RunQuery.newest(10).withStatus(RunSummary.Status.FAILED)))
                .singleElement().satisfies(summary -> {
                    assertThat(summary.runId()).isEqualTo("bbbb-2");
                    assertThat(summary.title()).isEqualTo("second");
                });
        assertThat(store.list(RunQuery.newest(10).withIdPrefix("aaaa"))).extracting(RunSummary::runId).containsExactly("aaaa-1");
        StoredRun failed = store.find("bbbb-2").orElseThrow();
        assertThat(failed.result().orElseThrow()).isInstanceOfSatisfying(RunResult.Failed.class, result -> {
            assertThat(result.failedStep()).isEqualTo("a");
            assertThat(result.failure()).isInstanceOf(RecordedFailure.class).hasMessage("broken");
        });

        assertThat(store.deleteStartedBefore(java.time.Instant.now().plus(Duration.ofSeconds(1)))).isEqualTo(2);
        assertThat(store.list(RunQuery.newest(10))).isEmpty();
    }
}
