package dev.detour.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/** Several runs' values of one figure: their median, with the lowest and highest as its spread. */
record Spread(List<Double> values) {

    Spread {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        values = List.copyOf(values);
    }

    /** The values of {@code figure} over {@code rounds}, such as each round's wall time. */
    static <T> Spread of(List<T> rounds, ToDoubleFunction<T> figure) {
        return new Spread(rounds.stream().map(figure::applyAsDouble).toList());
    }

    double median() {
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return sorted().getFirst();
    }

    double max() {
        return sorted().getLast();
    }

    /** The median, then the spread in brackets, each written by {@code format}. */
    String show(DoubleFunction<String> format) {
        return format.apply(median()) + " (" + format.apply(min()) + "–" + format.apply(max()) + ")";
    }

    /** A ratio's median and spread, two decimals. */
    String showRatio() {
        return show(value -> String.format(Locale.ROOT, "%.2f", value));
    }

    /** A ratio as the change it is, in percent with its sign: 1.0226 is "+2.26 %". */
    String showChange() {
        return show(value -> String.format(Locale.ROOT, "%+.2f %%", 100 * (value - 1)));
    }

    /** Milliseconds, three decimals. */
    String showMillis() {
        return show(value -> String.format(Locale.ROOT, "%.3f", value)) + " ms";
    }

    /** Seconds, two decimals. */
    String showSeconds() {
        return show(value -> String.format(Locale.ROOT, "%.2f", value)) + " s";
    }

    /** Each value of this divided by the value of {@code baseline} in the same run. */
    Spread over(Spread baseline) {
        if (baseline.values.size() != values.size()) {
            throw new IllegalArgumentException("ratios need as many baseline runs as runs");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ratios.add(values.get(i) / baseline.values.get(i));
        }
        return new Spread(ratios);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
