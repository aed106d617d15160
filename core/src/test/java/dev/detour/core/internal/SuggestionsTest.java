package dev.detour.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsTheSameNameWrittenWithOtherSeparatorsOrCase() {
        assertThat(Suggestions.closest("tokenenv", List.of("type", "base-url", "token-env"))).hasValue("token-env");
        assertThat(Suggestions.closest("Base_URL", List.of("type", "base-url"))).hasValue("base-url");
    }

    @Test
    void suggestsTheSameNameInTheOtherEnglishSpelling() {
        assertThat(Suggestions.closest("behaviors", List.of("name", "models", "behaviours"))).hasValue("behaviours");
    }

    @Test
    void neverGuessesBetweenDifferentWords() {
        assertThat(Suggestions.closest("provider", List.of("providers", "chain"))).isEmpty();
        assertThat(Suggestions.closest("colour", List.of("providers", "chain", "workflow"))).isEmpty();
        assertThat(Suggestions.closest("chain", List.of("chain"))).isEmpty();
    }
}
