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

    @Test
    void nearestAlsoFindsATypo() {
        assertThat(Suggestions.nearest("docter", List.of("run", "doctor", "serve", "worker"))).hasValue("doctor");
        assertThat(Suggestions.nearest("rnu", List.of("run", "runs", "show"))).hasValue("run");
        assertThat(Suggestions.nearest("workflw", List.of("providers", "chain", "workflow"))).hasValue("workflow");
        assertThat(Suggestions.nearest("tokenenv", List.of("type", "token-env"))).hasValue("token-env");
    }

    @Test
    void nearestNeverGuessesFarOrBetweenEquallyNearNames() {
        assertThat(Suggestions.nearest("hlep", List.of("help", "completion"))).hasValue("help");
        assertThat(Suggestions.nearest("status", List.of("help", "completion"))).isEmpty();
        assertThat(Suggestions.nearest("colour", List.of("providers", "chain", "workflow"))).isEmpty();
        assertThat(Suggestions.nearest("x", List.of("q", "y"))).isEmpty();
        assertThat(Suggestions.nearest("rn", List.of("run", "rm"))).isEmpty();
    }
}
