package dev.detour.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CitationsTest {

    @Test
    void readsSingleListedAndRangedCitationsOnceEachInOrderOfFirstCitation() {
        assertThat(Citations.numbers("Tides [2] follow the Moon [1, 3]; see also [4-6], [2] and [7–8]."))
                .containsExactly(2, 1, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void linksEscapedBracketsFootnotesAndStepPathsAreNotCitations() {
        assertThat(Citations.numbers("[1](https://example.org) \\[2\\] [^3] [a] [] [12345] investigate[0]/answer")).isEmpty();
    }

    @Test
    void aRangeBackwardsOrTooWideIsReadAsItsTwoEnds() {
        assertThat(Citations.numbers("[9-2] [1-200]")).containsExactly(9, 2, 1, 200);
    }

    @Test
    void rewritesEachGroupInAscendingOrderDroppingNumbersMappedToNothing() {
        Map<Integer, Integer> global = Map.of(1, 7, 2, 3, 3, 5);

        String rewritten = Citations.rewrite("A [1]. B [2,3]. C [1-3]. D [4]. E [4, 2].",
                number -> Optional.ofNullable(global.get(number)));

        assertThat(rewritten).isEqualTo("A [7]. B [3, 5]. C [3, 5, 7]. D . E [3].");
    }
}
