package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelRefTest {

    @Test
    void splitsProviderFromModelOnTheFirstColonKeepingTheRouteSuffixInTheModelId() {
        ModelRef ref = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct:novita");

        assertThat(ref.provider()).isEqualTo("hf");
        assertThat(ref.model()).isEqualTo("Qwen/Qwen2.5-72B-Instruct:novita");
        assertThat(ref).hasToString("hf:Qwen/Qwen2.5-72B-Instruct:novita");
    }

    @Test
    void keepsColonsThatArePartOfAModelName() {
        assertThat(ModelRef.parse("ollama:llama3:8b").model()).isEqualTo("llama3:8b");
        assertThat(ModelRef.parse("openai:ft:gpt-4o-mini:acme::abc123").model()).isEqualTo("ft:gpt-4o-mini:acme::abc123");
    }

    @Test
    void refusesTextThatNamesNoProviderOrNoModelSayingWhatItShouldLookLike() {
        for (String bad : new String[] {"gpt-4o-mini", ":gpt-4o", "openai:", "  "}) {
            assertThatThrownBy(() -> ModelRef.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must look like \"<provider>:<model id>\"")
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }

    @Test
    void refusesBlankPartsNamingTheParameter() {
        assertThatThrownBy(() -> ModelRef.of(" ", "m")).hasMessage("provider must not be blank, was \" \"");
        assertThatThrownBy(() -> ModelRef.of("p", null)).hasMessage("model == null");
    }
}
