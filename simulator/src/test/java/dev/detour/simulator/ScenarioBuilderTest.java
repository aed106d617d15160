package dev.detour.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioBuilderTest {

    @Test
    void buildsAScenarioOfScriptedModels() {
        Scenario scenario = Scenario.builder("failover")
                .description("primary down")
                .seed(3)
                .model("hf:Qwen/Qwen2.5-72B-Instruct", m -> m.servedBy("novita").always(Behaviour.status(500, "{}")))
                .model("hf:Qwen/Qwen2.5-7B-Instruct", m -> m.always(Behaviour.ok().withLatency(Duration.ofMillis(200))))
                .model("openai:gpt-4o-mini", m -> m.mix(9, Behaviour.ok()).mix(1, Behaviour.htmlPage(502)))
                .build();

        assertThat(scenario.name()).isEqualTo("failover");
        assertThat(scenario.description()).isEqualTo("primary down");
        assertThat(scenario.rules().keySet()).extracting(ModelKey::toString)
                .containsExactly("hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-7B-Instruct", "openai:gpt-4o-mini");
        assertThat(scenario.rules().get(ModelKey.parse("hf:Qwen/Qwen2.5-72B-Instruct")).servedBy()).hasValue("novita");
        assertThat(scenario.toString()).contains("failover", "openai:gpt-4o-mini");
    }

    @Test
    void refusesAModelKeyWithoutASurface() {
        assertThatThrownBy(() -> Scenario.builder("x").model("Qwen/Qwen2.5-7B-Instruct", m -> m.always(Behaviour.ok())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model key \"Qwen/Qwen2.5-7B-Instruct\": a model key starts with \"hf:\" or \"openai:\"");
    }

    @Test
    void refusesTwoPlansForOneModel() {
        assertThatThrownBy(() -> Scenario.builder("x").model("openai:m", m -> m.always(Behaviour.ok()).mix(1, Behaviour.ok())))
                .hasMessage("model openai:m is given two plans; use one of always, sequence, cycle, or mix calls");
    }

    @Test
    void refusesAModelWithoutAPlan() {
        assertThatThrownBy(() -> Scenario.builder("x").model("hf:a/b", m -> m.servedBy("novita")))
                .hasMessage("model hf:a/b has no plan; say what it answers with always, sequence, cycle or mix");
    }

    @Test
    void refusesAModelScriptedTwice() {
        Scenario.Builder builder = Scenario.builder("x")
                .model("openai:m", m -> m.always(Behaviour.ok()))
                .model("openai:m", m -> m.always(Behaviour.ok()));

        assertThatThrownBy(builder::build).hasMessage("model openai:m is scripted twice; script it once");
    }

    @Test
    void refusesServedByOnAnOpenAiModel() {
        assertThatThrownBy(() -> Scenario.builder("x").model("openai:m", m -> m.servedBy("novita")))
                .hasMessage("served-by applies to Hugging Face models (hf:…) only, not to openai:m");
    }

    @Test
    void refusesAMixEntryWithoutWeight() {
        assertThatThrownBy(() -> Scenario.builder("x").model("openai:m", m -> m.mix(0, Behaviour.ok())))
                .hasMessage("weight must be a number above 0, was 0.0");
    }

    @Test
    void refusesALatencyRangeUpsideDown() {
        assertThatThrownBy(() -> Behaviour.ok().withLatencyBetween(Duration.ofMillis(300), Duration.ofMillis(100)))
                .hasMessage("latency max (100ms) must not be below min (300ms)");
    }

    @Test
    void keepsTheLatestLatencyAndEveryHeaderOfABehaviour() {
        Behaviour behaviour = Behaviour.status(429, "{}")
                .withLatency(Duration.ofMillis(5))
                .withHeader("Retry-After", "1")
                .withLatency(Duration.ofMillis(7))
                .withHeader("x-should-retry", "true");

        assertThat(behaviour).isEqualTo(new Decorated(new StatusResponse(429, "{}", ContentTypes.JSON),
                new Latency.Fixed(Duration.ofMillis(7)),
                Map.of("Retry-After", "1", "x-should-retry", "true")));
    }
}
