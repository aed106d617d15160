package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

class ChainLabelsTest {

    @Test
    void anEqualModelReferenceGetsTheSameLabelsAsTheInstanceSeenFirst() {
        ChainLabels labels = new ChainLabels();
        ModelRef first = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");
        ModelRef equal = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");

        assertThat(labels.of(equal)).isSameAs(labels.of(first));
        assertThat(labels.name(equal)).isEqualTo("hf:Qwen/Qwen2.5-72B-Instruct");
        assertThat(labels.of(first).attempt(Attempt.Outcome.SUCCEEDED, TracedChain.SUCCEEDED_KIND)).isEqualTo(Attributes.of(
                GenAi.MODEL, "hf:Qwen/Qwen2.5-72B-Instruct", GenAi.OUTCOME, "succeeded", GenAi.KIND, "ok"));
        assertThat(labels.of(equal).attempt(Attempt.Outcome.FAILED, "ProviderUnavailable")).isEqualTo(Attributes.of(
                GenAi.MODEL, "hf:Qwen/Qwen2.5-72B-Instruct", GenAi.OUTCOME, "failed", GenAi.KIND, "ProviderUnavailable"));
        assertThat(labels.of(equal).skip("CIRCUIT_OPEN")).isEqualTo(Attributes.of(GenAi.MODEL,
                "hf:Qwen/Qwen2.5-72B-Instruct", GenAi.REQUEST_MODEL, "Qwen/Qwen2.5-72B-Instruct", GenAi.SKIP_REASON, "CIRCUIT_OPEN"));
    }

    @Test
    void aHundredModelsAreEachLabelledByValue() {
        ChainLabels labels = new ChainLabels();
        for (int model = 0; model < 100; model++) {
            labels.of(ModelRef.of("openai", "model-" + model));
        }
        ModelRef late = ModelRef.of("openai", "model-99");
        assertThat(labels.name(late)).isEqualTo("openai:model-99");
        assertThat(labels.of(late)).isSameAs(labels.of(ModelRef.of("openai", "model-99")));
        assertThat(labels.of(late).attempt(Attempt.Outcome.CANCELLED, "CANCELLED").get(GenAi.OUTCOME)).isEqualTo("cancelled");
    }
}
