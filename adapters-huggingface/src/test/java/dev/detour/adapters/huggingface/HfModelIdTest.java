package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HfModelIdTest {

    @Test
    void aBareRepositoryIdHasNoSuffixAndPinsNoProvider() {
        HfModelId id = HfModelId.parse("Qwen/Qwen2.5-72B-Instruct");

        assertThat(id.repository()).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
        assertThat(id.suffix()).isEmpty();
        assertThat(id.pinnedProvider()).isEmpty();
    }

    @Test
    void aProviderSuffixPinsThatProvider() {
        HfModelId id = HfModelId.parse("Qwen/Qwen2.5-72B-Instruct:novita");

        assertThat(id.repository()).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
        assertThat(id.suffix()).contains("novita");
        assertThat(id.pinnedProvider()).contains("novita");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fastest", "cheapest", "preferred", "Fastest"})
    void aPolicySuffixIsKeptButPinsNoProvider(String policy) {
        HfModelId id = HfModelId.parse("meta-llama/Llama-3.1-8B-Instruct:" + policy);

        assertThat(id.suffix()).contains(policy);
        assertThat(id.pinnedProvider()).isEmpty();
    }

    @Test
    void providerNamesAreDataNotAnEnum() {
        assertThat(HfModelId.parse("org/model:some-new-provider.ai").pinnedProvider()).contains("some-new-provider.ai");
    }

    @Test
    void namesWithDotsDashesAndUnderscoresSplitOnlyOnTheLastColon() {
        HfModelId id = HfModelId.parse("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B_v0.1:hf-inference");

        assertThat(id.repository()).isEqualTo("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B_v0.1");
        assertThat(id.pinnedProvider()).contains("hf-inference");
        assertThat(id).hasToString("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B_v0.1:hf-inference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org/name:", ":novita", "org/name:a:b", "org/name :novita"})
    void malformedIdsAreRefusedWithAnExample(String modelId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HfModelId.parse(modelId))
                .withMessageContaining("org/name:<provider or policy>");
    }

    @Test
    void aBlankIdIsRefusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> HfModelId.parse(" ")).withMessageContaining("modelId");
    }

    @Test
    void theServedProviderIsTheHeaderWhenPresent() {
        assertThat(HfModelId.parse("org/name:novita").servedBy("together")).contains("together");
        assertThat(HfModelId.parse("org/name:fastest").servedBy(" groq ")).contains("groq");
    }

    @Test
    void theServedProviderFallsBackToThePinnedSuffixThenToUnknown() {
        assertThat(HfModelId.parse("org/name:novita").servedBy(null)).contains("novita");
        assertThat(HfModelId.parse("org/name:novita").servedBy("")).contains("novita");
        assertThat(HfModelId.parse("org/name:cheapest").servedBy(null)).isEqualTo(Optional.empty());
        assertThat(HfModelId.parse("org/name").servedBy(null)).isEmpty();
    }
}
