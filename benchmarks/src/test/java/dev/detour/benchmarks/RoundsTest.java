package dev.detour.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void everyVariantIsWarmedUpOnceThenTheVariantsTakeTurnsInRotatedOrder() throws Exception {
        List<String> turns = new ArrayList<>();

        List<List<Integer>> measured = Rounds.rotated(List.of("A", "B", "C"), 3, variant -> {
            turns.add(variant);
            return turns.size();
        });

        assertThat(turns).containsExactly("A", "B", "C", "A", "B", "C", "B", "C", "A", "C", "A", "B");
        assertThat(measured).containsExactly(List.of(4, 9, 11), List.of(5, 7, 12), List.of(6, 8, 10));
    }

    @Test
    void aRatioIsTheMedianOfThePerRoundRatiosNotTheRatioOfTheMedians() {
        Spread with = new Spread(List.of(2.0, 10.0, 3.0));
        Spread without = new Spread(List.of(1.0, 2.0, 3.0));

        Spread ratio = with.over(without);

        assertThat(ratio.median()).isEqualTo(2.0);
        assertThat(with.median() / without.median()).isEqualTo(1.5);
        assertThat(ratio.showRatio()).isEqualTo("2.00 (1.00–5.00)");
    }

    @Test
    void aChangeIsShownAsASignedPercentWithItsSpread() {
        assertThat(new Spread(List.of(1.0226, 0.981, 1.05)).showChange()).isEqualTo("+2.26 % (-1.90 %–+5.00 %)");
    }

    @Test
    void aSpreadOfRoundsReadsOneFigureOfEach() {
        record Round(double wall) {}

        Spread walls = Spread.of(List.of(new Round(3), new Round(1), new Round(2)), Round::wall);

        assertThat(walls.values()).containsExactly(3.0, 1.0, 2.0);
        assertThat(walls.showSeconds()).isEqualTo("2.00 (1.00–3.00) s");
    }
}
