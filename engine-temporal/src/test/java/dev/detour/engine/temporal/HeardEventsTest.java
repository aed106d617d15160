package dev.detour.engine.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.workflow.WorkflowEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeardEventsTest {

    private final HeardEvents heard = new HeardEvents();

    @Test
    void anEventPublishedAgainByAWorkflowTaskThatRanAgainIsHeardOnce() {
        assertThat(heard.firstTime("execution-1", started("run-a", 1))).isTrue();
        assertThat(heard.firstTime("execution-1", step("run-a", 2))).isTrue();

        assertThat(heard.firstTime("execution-1", started("run-a", 1))).as("the task ran again from its start").isFalse();
        assertThat(heard.firstTime("execution-1", step("run-a", 2))).isFalse();
        assertThat(heard.firstTime("execution-1", step("run-a", 3))).as("what the task goes on to publish").isTrue();
    }

    @Test
    void eachRunIsCountedByItself() {
        assertThat(heard.firstTime("execution-1", started("run-a", 1))).isTrue();
        assertThat(heard.firstTime("execution-1", step("run-a", 2))).isTrue();

        assertThat(heard.firstTime("execution-1", started("run-b", 1))).isTrue();
        assertThat(heard.firstTime("execution-1", step("run-b", 2))).isTrue();
    }

    @Test
    void aNewExecutionOfARunNumbersItsEventsAfreshAndIsHeardFromItsStart() {
        assertThat(heard.firstTime("execution-1", started("run-a", 1))).isTrue();
        assertThat(heard.firstTime("execution-1", step("run-a", 2))).isTrue();

        assertThat(heard.firstTime("execution-2", started("run-a", 1))).as("a reset's new execution").isTrue();
        assertThat(heard.firstTime("execution-2", step("run-a", 2))).isTrue();
        assertThat(heard.firstTime("execution-2", step("run-a", 2))).isFalse();
    }

    private static WorkflowEvent started(String runId, long sequence) {
        return new WorkflowEvent.RunStarted(runId, sequence, Instant.EPOCH, "research");
    }

    private static WorkflowEvent step(String runId, long sequence) {
        return new WorkflowEvent.StepStarted(runId, sequence, Instant.EPOCH, "plan");
    }
}
