package dev.detour.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.FinishReason;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.testing.CollectingListener;
import dev.detour.core.testing.MutableClock;
import dev.detour.core.testing.ScriptedModelPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkflowEngineTest {

    private final ScriptedModelPort model = ScriptedModelPort.answering("test", "model-a");
    private final WorkflowEngine engine = new WorkflowEngine(model);

    private static Step<String, String> ask(String prefix) {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(prefix + input))).text();
    }

    @Test
    void runsASequenceInOrderFeedingEachStepThePreviousOutput() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Workflow<String, Integer> workflow = Workflow.<String, String>step("upper", (input, context) -> {
                    order.add("upper");
                    return input.toUpperCase();
                })
                .then("exclaim", (input, context) -> {
                    order.add("exclaim");
                    return input + "!";
                })
                .then("length", (input, context) -> {
                    order.add("length");
                    return input.length();
                });

        RunResult<Integer> result = engine.run(workflow, "abc");

        assertThat(result.output()).contains(4);
        assertThat(order).containsExactly("upper", "exclaim", "length");
        assertThat(result.record().steps()).extracting(StepRecord::path).containsExactly("upper", "exclaim", "length");
        assertThat(result.record().step("exclaim").orElseThrow().input()).isEqualTo("ABC");
        assertThat(result.record().step("exclaim").orElseThrow().output()).contains("ABC!");
    }

    @Test
    void recordsEachStepsTokensAttemptsAndServingModel() {
        model.byDefault(request -> "answer", 30);
        Workflow<String, String> workflow = Workflow.step("ask", ask("q: "));

        RunResult<String> result = engine.run(workflow, "why?");

        StepRecord step = result.record().step("ask").orElseThrow();
        assertThat(step.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(step.tokens().totalTokens()).isEqualTo(30);
        assertThat(step.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
            assertThat(attempt.model()).isEqualTo(model.model());
        });
        assertThat(step.servedBy()).extracting(Attempt::model).containsExactly(model.model());
        assertThat(result.record().modelCalls()).isEqualTo(1);
        assertThat(result.record().tokens().totalTokens()).isEqualTo(30);
        assertThat(model.requests()).singleElement()
                .satisfies(request -> assertThat(ScriptedModelPort.lastUserMessage(request)).isEqualTo("q: why?"));
    }

    @Test
    void loopStopsAsSoonAsTheConditionHolds() {
        Workflow<Integer, LoopResult<Integer>> loop = Workflow.loopUntil(
                "count", Workflow.step("increment", (Integer n, StepContext context) -> n + 1), n -> n >= 3, 10);

        LoopResult<Integer> result = engine.run(loop, 0).output().orElseThrow();

        assertThat(result.state()).isEqualTo(3);
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.stopReason()).isEqualTo(LoopResult.StopReason.CONDITION_MET);
    }

    @Test
    void loopStopsAtItsIterationLimitWhenTheConditionNeverHolds() {
        Workflow<Integer, LoopResult<Integer>> loop = Workflow.loopUntil(
                "forever", Workflow.step("increment", (Integer n, StepContext context) -> n + 1), n -> false, 4);

        RunResult<LoopResult<Integer>> run = engine.run(loop, 0);
        LoopResult<Integer> result = run.output().orElseThrow();

        assertThat(result.state()).isEqualTo(4);
        assertThat(result.stopReason()).isEqualTo(LoopResult.StopReason.MAX_ITERATIONS);
        assertThat(run.record().steps()).extracting(StepRecord::path)
                .containsExactly("forever#1/increment", "forever#2/increment", "forever#3/increment", "forever#4/increment");
    }

    @Test
    void loopEndsWithItsLastCompleteStateWhenTheBudgetRunsOut() {
        model.byDefault(request -> "more", 40);
        Workflow<Integer, LoopResult<Integer>> loop = Workflow.loopUntil("refine",
                Workflow.step("ask", (Integer n, StepContext context) -> {
                    context.call(ChatRequest.of(ChatMessage.user("round " + n)));
                    return n + 1;
                }),
                n -> false, 10);
        CollectingListener events = new CollectingListener();

        RunResult<LoopResult<Integer>> run = engine.run(loop, 0,
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxTokens(100)).withListener(events));

        LoopResult<Integer> result = run.output().orElseThrow();
        assertThat(result.stopReason()).isEqualTo(LoopResult.StopReason.BUDGET_EXHAUSTED);
        assertThat(result.state()).isEqualTo(3);
        assertThat(result.exhaustion()).get().extracting(BudgetExhaustion::resource)
                .isEqualTo(BudgetExhaustion.Resource.TOKENS);
        assertThat(model.calls()).isEqualTo(3);
        assertThat(events.eventsOf(WorkflowEvent.BudgetExhausted.class)).hasSize(1);
    }

    @Test
    void recordsWhereEachStepSitsAsSegmentsWithItsLoopIterationAndParallelIndex() {
        Workflow<List<Integer>, List<Integer>> fanOut = Workflow.parallelMap(
                "each", Workflow.step("double", (Integer n, StepContext context) -> n * 2), 2);
        Workflow<List<Integer>, LoopResult<List<Integer>>> loop = Workflow.loopUntil("round", fanOut, list -> false, 2);

        RunResult<LoopResult<List<Integer>>> run = engine.run(loop, List.of(1, 2));

        StepRecord step = run.record().step("round#2/each[1]/double").orElseThrow();
        assertThat(step.location().segments()).containsExactly(
                StepPath.Segment.iteration("round", 2), StepPath.Segment.item("each", 1), StepPath.Segment.step("double"));
        assertThat(step.name()).isEqualTo("double");
        assertThat(step.location().iteration("round")).hasValue(2);
        assertThat(step.location().iteration("other")).isEmpty();
        assertThat(step.location().index()).hasValue(1);
        assertThat(step.location()).hasToString("round#2/each[1]/double");
        assertThat(run.record().stepsNamed("double")).hasSize(4);
    }

    @Test
    void parallelMapNeverRunsMoreItemsAtOnceThanItsParallelism() {
        CountDownLatch firstThree = new CountDownLatch(3);
        model.byDefault((request, context) -> {
            firstThree.countDown();
            firstThree.await(5, TimeUnit.SECONDS);
            Thread.sleep(20);
            return model.text("done", 10);
        });
        Workflow<List<String>, List<String>> map = Workflow.parallelMap("investigate", Workflow.step("answer", ask("")), 3);

        RunResult<List<String>> result = engine.run(map, List.of("a", "b", "c", "d", "e", "f", "g", "h"));

        assertThat(result.output()).get().asList().hasSize(8);
        assertThat(model.maxInFlight()).isEqualTo(3);
        assertThat(model.calls()).isEqualTo(8);
    }

    @Test
    void parallelMapReturnsOutputsInTheOrderOfItsInputs() {
        Workflow<List<Integer>, List<Integer>> map = Workflow.parallelMap("square",
                Workflow.step("square", (Integer n, StepContext context) -> {
                    Thread.sleep((5 - n) * 10L);
                    return n * n;
                }),
                5);

        RunResult<List<Integer>> result = engine.run(map, List.of(1, 2, 3, 4, 5));

        assertThat(result.output()).contains(List.of(1, 4, 9, 16, 25));
        assertThat(result.record().step("square[4]/square").orElseThrow().output()).contains(25);
    }

    @Test
    void parallelMapFansOutOverItemsDrawnFromTheInputAndMergesTheOutputsBack() {
        record Draft(String topic, List<String> questions, List<String> answers) {}
        Workflow<Draft, Draft> investigate = Workflow.parallelMap("investigate",
                Draft::questions,
                Workflow.step("answer", ask("answer: ")),
                (draft, answers) -> new Draft(draft.topic(), draft.questions(), answers),
                2);

        RunResult<Draft> result = engine.run(investigate, new Draft("tides", List.of("why", "when", "where"), List.of()));

        assertThat(result.output()).get().extracting(Draft::answers).asList()
                .containsExactly("answer: why", "answer: when", "answer: where");
        assertThat(result.record().steps()).extracting(StepRecord::path)
                .containsExactlyInAnyOrder("investigate[0]/answer", "investigate[1]/answer", "investigate[2]/answer");
    }

    @Test
    void parallelMapWithOneItemFailingFailsTheRunAndKeepsTheOthersOutputs() {
        Workflow<List<Integer>, List<Integer>> map = Workflow.parallelMap("items",
                Workflow.step("item", (Integer n, StepContext context) -> {
                    if (n == 2) {
                        throw new IllegalStateException("item two is broken");
                    }
                    return n;
                }),
                1);

        RunResult<List<Integer>> result = engine.run(map, List.of(0, 1, 2, 3, 4));

        assertThat(result).isInstanceOf(RunResult.Failed.class);
        RunResult.Failed<List<Integer>> failed = (RunResult.Failed<List<Integer>>) result;
        assertThat(failed.failedStep()).isEqualTo("items[2]/item");
        assertThat(failed.failure()).hasMessage("item two is broken");
        assertThat(result.record().completedSteps()).extracting(StepRecord::path)
                .containsExactly("items[0]/item", "items[1]/item");
        assertThat(result.record().step("items[3]/item")).as("no item starts after a failure").isEmpty();
    }

    @Test
    void aFailingStepKeepsEveryEarlierStepsOutputAndItsOwnAttempts() {
        ModelRef primary = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");
        Attempt failedAttempt = Attempt.failed(
                ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, primary)
                        .httpStatus(500).inferenceProvider("novita").detail("upstream error").build(),
                0, Instant.now(), Duration.ofMillis(12));
        model.thenReply(
                (request, context) -> model.text("plan", 5),
                ScriptedModelPort.failing(new AllModelsFailedError(List.of(failedAttempt), null)));
        Workflow<String, String> workflow = Workflow.step("plan", ask(""))
                .then("investigate", ask(""))
                .then("synthesize", ask(""));

        RunResult<String> result = engine.run(workflow, "question");

        assertThat(result).isInstanceOfSatisfying(RunResult.Failed.class, failed -> {
            assertThat(failed.failedStep()).isEqualTo("investigate");
            assertThat(failed.failure()).isInstanceOf(AllModelsFailedError.class);
        });
        assertThat(result.record().step("plan").orElseThrow().output()).contains("plan");
        StepRecord investigate = result.record().step("investigate").orElseThrow();
        assertThat(investigate.status()).isEqualTo(RunStatus.FAILED);
        assertThat(investigate.input()).isEqualTo("plan");
        assertThat(investigate.attempts()).containsExactly(failedAttempt);
        assertThat(investigate.failure()).get().satisfies(failure -> {
            assertThat(failure.type()).isEqualTo("AllModelsFailedError");
            assertThat(failure.message()).contains("HTTP 500", "novita");
        });
        assertThat(result.record().step("synthesize")).isEmpty();
    }

    @Test
    void deliversEventsInOrderWithContiguousSequenceNumbers() {
        CollectingListener events = new CollectingListener();
        Workflow<String, String> workflow = Workflow.step("first", ask("")).then("second", ask(""));

        engine.run(workflow, "x", RunOptions.defaults().withListener(events));

        assertThat(events.names()).containsExactly(
                "RunStarted",
                "StepStarted", "AttemptStarted", "AttemptSucceeded", "StepCompleted",
                "StepStarted", "AttemptStarted", "AttemptSucceeded", "StepCompleted",
                "RunCompleted");
        assertThat(events.events()).extracting(WorkflowEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void keepsEventsOrderedAndContiguousWhenStepsRunInParallel() {
        model.byDefault(model.slow(5, "ok"));
        CollectingListener events = new CollectingListener();
        Workflow<List<String>, List<String>> map = Workflow.parallelMap("many", Workflow.step("one", ask("")), 8);
        List<String> items = java.util.stream.IntStream.range(0, 40).mapToObj(String::valueOf).toList();

        engine.run(map, items, RunOptions.defaults().withListener(events));

        List<WorkflowEvent> all = events.events();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).sequence()).isEqualTo(i + 1);
        }
        for (int item = 0; item < items.size(); item++) {
            String path = "many[" + item + "]/one";
            int started = indexOf(all, WorkflowEvent.StepStarted.class, path);
            int completed = indexOf(all, WorkflowEvent.StepCompleted.class, path);
            assertThat(started).isLessThan(completed);
        }
    }

    private static int indexOf(List<WorkflowEvent> events, Class<?> type, String path) {
        for (int i = 0; i < events.size(); i++) {
            WorkflowEvent event = events.get(i);
            if (type.isInstance(event)
                    && (event instanceof WorkflowEvent.StepStarted started && started.step().equals(path)
                            || event instanceof WorkflowEvent.StepCompleted completed && completed.step().equals(path))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + path);
    }

    @Test
    void publishesTheAttemptsAChainReportsAsTheyHappen() {
        ModelRef primary = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");
        ModelRef fallback = ModelRef.of("hf", "Qwen/Qwen2.5-7B-Instruct");
        WorkflowEngine chainEngine = new WorkflowEngine((request, context) -> {
            AttemptListener listener = context.attemptListener();
            Instant now = Instant.now();
            listener.attemptStarted(primary, 0);
            Attempt failed = Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, primary)
                    .httpStatus(500).inferenceProvider("novita").build(), 0, now, Duration.ofMillis(3));
            listener.attemptFinished(failed);
            listener.fallbackTaken(primary, fallback, failed);
            listener.attemptStarted(fallback, 0);
            Attempt succeeded = Attempt.succeeded(fallback, "hf-inference", 0, now, Duration.ofMillis(4));
            listener.attemptFinished(succeeded);
            return ChatResponse.of(fallback, "answer", FinishReason.of("stop"), TokenUsage.of(3, 4))
                    .withAttempts(List.of(failed, succeeded));
        });
        CollectingListener events = new CollectingListener();

        RunResult<String> result = chainEngine.run(Workflow.step("ask", ask("")), "q",
                RunOptions.defaults().withListener(events));

        assertThat(events.names()).containsExactly("RunStarted", "StepStarted",
                "AttemptStarted", "AttemptFailed", "FallbackTaken", "AttemptStarted", "AttemptSucceeded",
                "StepCompleted", "RunCompleted");
        assertThat(events.eventsOf(WorkflowEvent.FallbackTaken.class)).singleElement()
                .satisfies(fallbackTaken -> assertThat(fallbackTaken.reason()).isEqualTo("HTTP 500 from novita"));
        assertThat(result.record().step("ask").orElseThrow().attempts()).hasSize(2);
    }

    @Test
    void aRunWhoseBudgetRunsOutOutsideALoopEndsAsBudgetExhaustedWithItsRecord() {
        Workflow<String, String> workflow = Workflow.step("one", ask("")).then("two", ask("")).then("three", ask(""));
        CollectingListener events = new CollectingListener();

        RunResult<String> result = engine.run(workflow, "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxModelCalls(2)).withListener(events));

        assertThat(result).isInstanceOfSatisfying(RunResult.BudgetExhausted.class, exhausted ->
                assertThat(exhausted.exhaustion().resource()).isEqualTo(BudgetExhaustion.Resource.MODEL_CALLS));
        assertThat(model.calls()).isEqualTo(2);
        assertThat(result.record().completedSteps()).extracting(StepRecord::path).containsExactly("one", "two");
        assertThat(result.record().step("three").orElseThrow().status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(events.names()).as("the last allowed call uses the budget up")
                .endsWith("AttemptSucceeded", "BudgetExhausted", "StepCompleted", "StepStarted", "StepFailed", "RunFailed");
    }

    @Test
    void aStepCanReactToAnExhaustedBudgetInsteadOfFailing() {
        Workflow<String, String> workflow = Workflow.step("one", ask(""))
                .then("summarize", (input, context) -> {
                    try {
                        return context.call(ChatRequest.of(ChatMessage.user(input))).text();
                    } catch (BudgetExhaustedException e) {
                        return "partial: " + input + " (" + e.exhaustion().describe() + ")";
                    }
                });

        RunResult<String> result = engine.run(workflow, "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withMaxModelCalls(1)));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.output()).get().asString()
                .isEqualTo("partial: q (model-call budget exhausted: 1 of 1 calls used)");
    }

    @Test
    void stopsCallingModelsOnceTheTimeLimitHasPassed() {
        MutableClock clock = MutableClock.atEpoch();
        WorkflowEngine timedEngine = new WorkflowEngine(model, clock);
        Workflow<String, String> workflow = Workflow.step("one", ask(""))
                .then("wait", (input, context) -> {
                    clock.advance(Duration.ofSeconds(61));
                    return input;
                })
                .then("two", ask(""));

        RunResult<String> result = timedEngine.run(workflow, "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofMinutes(1))));

        assertThat(result).isInstanceOfSatisfying(RunResult.BudgetExhausted.class, exhausted -> {
            assertThat(exhausted.exhaustion().resource()).isEqualTo(BudgetExhaustion.Resource.TIME);
            assertThat(exhausted.exhaustion().describe()).isEqualTo("time limit exhausted: 61000 of 60000 ms used");
        });
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void passesTheRunsDeadlineToEveryModelCall() {
        MutableClock clock = MutableClock.atEpoch();
        List<java.util.Optional<Instant>> deadlines = new ArrayList<>();
        WorkflowEngine timedEngine = new WorkflowEngine((request, context) -> {
            deadlines.add(context.deadline());
            return model.text("ok", 1);
        }, clock);

        timedEngine.run(Workflow.step("ask", ask("")), "q",
                RunOptions.defaults().withBudget(Budget.unlimited().withTimeLimit(Duration.ofSeconds(30))));

        assertThat(deadlines).containsExactly(java.util.Optional.of(clock.instant().plusSeconds(30)));
    }

    @Test
    void cancellingARunInterruptsItsModelCallAndMakesNoFurtherCall() throws Exception {
        CountDownLatch callStarted = new CountDownLatch(1);
        model.thenReply((request, context) -> {
            callStarted.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            return model.text("never", 1);
        });
        CollectingListener events = new CollectingListener();
        Workflow<String, String> workflow = Workflow.step("slow", ask("")).then("after", ask(""));

        RunHandle<String> handle = engine.start(workflow, "q", RunOptions.defaults().withListener(events));
        assertThat(callStarted.await(5, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunResult<String> result = handle.await(Duration.ofSeconds(5)).orElseThrow(
                () -> new AssertionError("the run did not stop within 5 s of being cancelled"));

        assertThat(result).isInstanceOf(RunResult.Cancelled.class);
        assertThat(model.calls()).isEqualTo(1);
        assertThat(result.record().step("slow").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result.record().step("after")).isEmpty();
        assertThat(events.names()).last().isEqualTo("RunFailed");
        assertThat(events.eventsOf(WorkflowEvent.RunFailed.class)).singleElement()
                .extracting(WorkflowEvent.RunFailed::status).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void cancellingAParallelMapStopsEveryItem() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(4);
        model.byDefault((request, context) -> {
            allStarted.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            return model.text("never", 1);
        });
        Workflow<List<String>, List<String>> map = Workflow.parallelMap("many", Workflow.step("one", ask("")), 4);

        RunHandle<List<String>> handle = engine.start(map, List.of("a", "b", "c", "d", "e", "f"), RunOptions.defaults());
        assertThat(allStarted.await(5, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunResult<List<String>> result = handle.await(Duration.ofSeconds(5)).orElseThrow(
                () -> new AssertionError("the run did not stop within 5 s of being cancelled"));

        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(model.calls()).isEqualTo(4);
        assertThat(result.record().steps()).hasSize(4).allSatisfy(step ->
                assertThat(step.status()).isEqualTo(RunStatus.CANCELLED));
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheRun() {
        CollectingListener after = new CollectingListener();
        RunOptions options = RunOptions.defaults()
                .withListener(event -> {
                    throw new IllegalStateException("display crashed");
                })
                .withListener(after);

        RunResult<String> result = engine.run(Workflow.step("ask", ask("")), "q", options);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(after.names()).first().isEqualTo("RunStarted");
        assertThat(after.names()).last().isEqualTo("RunCompleted");
    }

    @Test
    void aModelErrorThrownByABarePortIsRecordedAsAFailedAttempt() {
        ModelRef ref = model.model();
        model.thenReply(ScriptedModelPort.failing(ModelCallException.builder(ErrorKind.QUOTA_EXCEEDED, ref)
                .httpStatus(402).detail("You have exceeded your monthly included credits").build()));
        CollectingListener events = new CollectingListener();

        RunResult<String> result = engine.run(Workflow.step("ask", ask("")), "q",
                RunOptions.defaults().withListener(events));

        StepRecord step = result.record().step("ask").orElseThrow();
        assertThat(step.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.kind()).contains(ErrorKind.QUOTA_EXCEEDED);
            assertThat(attempt.httpStatus()).hasValue(402);
        });
        assertThat(step.failure()).get().extracting(StepFailure::kind).isEqualTo(java.util.Optional.of(ErrorKind.QUOTA_EXCEEDED));
        assertThat(events.names()).contains("AttemptFailed");
    }

    @Test
    void recordsSkippedAttemptsReportedInAnAllModelsFailedError() {
        ModelRef dead = ModelRef.of("hf", "dead");
        model.thenReply(ScriptedModelPort.failing(new AllModelsFailedError(
                List.of(Attempt.skipped(dead, SkipReason.CIRCUIT_OPEN, null, Instant.now())), null)));
        CollectingListener events = new CollectingListener();

        engine.run(Workflow.step("ask", ask("")), "q", RunOptions.defaults().withListener(events));

        assertThat(events.names()).contains("AttemptSkipped").doesNotContain("AttemptStarted");
    }

    @Test
    void refusesBadArgumentsWhereTheyAreBuiltNamingTheParameterAndValue() {
        Workflow<String, String> step = Workflow.step("ask", ask(""));
        assertThatThrownBy(() -> Workflow.parallelMap("map", step, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parallelism must be at least 1, was 0");
        assertThatThrownBy(() -> Workflow.loopUntil("loop", step, s -> true, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxIterations must be at least 1, was -1");
        assertThatThrownBy(() -> Budget.unlimited().withMaxTokens(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTokens must be at least 1, was 0");
        assertThatThrownBy(() -> Budget.unlimited().withMaxModelCalls(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxModelCalls must be at least 1, was -3");
        assertThatThrownBy(() -> Budget.unlimited().withTimeLimit(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeLimit must be longer than zero, was PT0S");
        assertThatThrownBy(() -> Workflow.step("", ask("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank, was \"\"");
        assertThatThrownBy(() -> Workflow.step("ask", null))
                .isInstanceOf(NullPointerException.class).hasMessage("step == null");
        assertThatThrownBy(() -> engine.run(step, null))
                .isInstanceOf(NullPointerException.class).hasMessage("input == null");
        assertThatThrownBy(() -> new WorkflowEngine(null))
                .isInstanceOf(NullPointerException.class).hasMessage("models == null");
    }

    @Test
    void oneWorkflowCanRunManyTimesConcurrently() throws Exception {
        Workflow<String, String> workflow = Workflow.step("ask", ask("")).then("again", ask(""));
        List<RunHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            handles.add(engine.start(workflow, "q" + i, RunOptions.defaults()));
        }
        for (RunHandle<String> handle : handles) {
            assertThat(handle.await().status()).isEqualTo(RunStatus.COMPLETED);
        }
        assertThat(handles).extracting(RunHandle::runId).doesNotHaveDuplicates();
        assertThat(model.calls()).isEqualTo(100);
    }
}
