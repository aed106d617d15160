package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.TokenUsage;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.StepFailure;
import dev.detour.core.workflow.WorkflowEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelRef MODEL = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ProgressDisplay display(boolean live, int columns, Instant now) {
        return new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), live, columns, Marks.UNICODE,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cutsTheStatusLineToTheTerminalWidthAndShowsElapsedTimePerStep() {
        ProgressDisplay display = display(true, 40, START.plusSeconds(7));

        display.onEvent(new WorkflowEvent.StepStarted("r", 1, START, "investigate[0]/answer"));
        display.onEvent(new WorkflowEvent.AttemptStarted("r", 2, START, "investigate[0]/answer", MODEL, 0));

        String status = shown().substring(shown().lastIndexOf("\r\033[2K") + "\r\033[2K".length());
        assertThat(status.codePointCount(0, status.length())).isEqualTo(39);
        assertThat(status).startsWith("⋯ investigate[0]/answer [hf:Qwen").endsWith("…");
        bytes.reset();
        display(true, 200, START.plusSeconds(7)).onEvent(new WorkflowEvent.StepStarted("r", 1, START, "plan"));
        assertThat(shown()).endsWith("⋯ plan [starting, 7 s]");
    }

    @Test
    void countsDownTheWaitBeforeARetry() {
        ProgressDisplay display = display(true, 200, START.plusMillis(2500));

        display.onEvent(new WorkflowEvent.StepStarted("r", 1, START, "plan"));
        display.onEvent(new WorkflowEvent.RetryScheduled("r", 2, START.plusSeconds(1), "plan", MODEL, 1,
                Duration.ofSeconds(5)));

        assertThat(shown()).endsWith("⋯ plan [retry 1 of hf:Qwen/Qwen2.5-72B-Instruct in 4 s, 2 s]");
        display.onEvent(new WorkflowEvent.AttemptStarted("r", 3, START.plusSeconds(6), "plan", MODEL, 1));
        assertThat(shown()).endsWith("⋯ plan [hf:Qwen/Qwen2.5-72B-Instruct (retry 1), 2 s]");
    }

    @Test
    void saysAStepWasCancelledInPlainWords() {
        ProgressDisplay display = display(false, 80, START);

        display.onEvent(new WorkflowEvent.AttemptSkipped("r", 1, START, "plan",
                Attempt.cancelled(MODEL, 0, START, Duration.ofMillis(300))));
        display.onEvent(new WorkflowEvent.StepFailed("r", 2, START, "plan", Duration.ofMillis(300),
                new StepFailure(RunStatus.CANCELLED, "CancellationException",
                        "the call was cancelled because the calling thread was interrupted", Optional.empty())));

        assertThat(shown()).contains("  - plan: hf:Qwen/Qwen2.5-72B-Instruct, try 1: cancelled, 300 ms",
                "○ plan cancelled (interrupted)").doesNotContain("thread", "skipped");
    }

    @Test
    void marksAStepThatCompletedWithoutAModelAfterTheBudgetRanOutAsSkipped() {
        ProgressDisplay display = display(false, 80, START);

        display.onEvent(new WorkflowEvent.BudgetExhausted("r", 1, START,
                new dev.detour.core.workflow.BudgetExhaustion(dev.detour.core.workflow.BudgetExhaustion.Resource.TOKENS,
                        30, 40)));
        display.onEvent(new WorkflowEvent.StepCompleted("r", 2, START, "synthesize", Duration.ZERO, TokenUsage.NONE));

        assertThat(shown()).contains("○ synthesize skipped (token budget").doesNotContain("✓");
    }
}
