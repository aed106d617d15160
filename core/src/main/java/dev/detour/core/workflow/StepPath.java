package dev.detour.core.workflow;

import dev.detour.core.internal.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Where one step execution sits in its run: the loop iterations and parallel items that contain it,
 * then the step itself. Its text form, such as {@code refine#2/follow-ups[0]/answer}, is what events,
 * JSON and reports show; code reads the segments instead of parsing that text.
 *
 * @param segments from the outermost to the step itself
 */
public record StepPath(List<Segment> segments) {

    static final StepPath ROOT = new StepPath(List.of());

    /**
     * One level of a path: a step, one iteration of a loop, or one item of a parallel map.
     *
     * @param name the step's, loop's or map's name
     * @param iteration the loop iteration, counted from 1, for a loop's segment
     * @param index the item's position in the list, counted from 0, for a parallel map's segment
     */
    public record Segment(String name, OptionalInt iteration, OptionalInt index) {

        public Segment {
            Require.nonBlank(name, "name");
            Require.nonNull(iteration, "iteration");
            Require.nonNull(index, "index");
            iteration.ifPresent(value -> Require.positive(value, "iteration"));
            index.ifPresent(value -> Require.notNegative(value, "index"));
            if (iteration.isPresent() && index.isPresent()) {
                throw new IllegalArgumentException("a segment is a loop iteration or a parallel item, not both, was "
                        + name + " with iteration " + iteration.getAsInt() + " and index " + index.getAsInt());
            }
        }

        /** The segment of the step {@code name}. */
        public static Segment step(String name) {
            return new Segment(name, OptionalInt.empty(), OptionalInt.empty());
        }

        /** The segment of iteration {@code iteration} of the loop {@code name}. */
        public static Segment iteration(String name, int iteration) {
            return new Segment(name, OptionalInt.of(iteration), OptionalInt.empty());
        }

        /** The segment of item {@code index} of the parallel map {@code name}. */
        public static Segment item(String name, int index) {
            return new Segment(name, OptionalInt.empty(), OptionalInt.of(index));
        }

        /** {@code answer}, {@code refine#2} or {@code investigate[0]}. */
        @Override
        public String toString() {
            if (iteration.isPresent()) {
                return name + "#" + iteration.getAsInt();
            }
            return index.isPresent() ? name + "[" + index.getAsInt() + "]" : name;
        }
    }

    public StepPath {
        segments = List.copyOf(Require.nonNull(segments, "segments"));
    }

    /** The path of a step at the top of its workflow. */
    public static StepPath of(Segment... segments) {
        return new StepPath(List.of(segments));
    }

    /** This path with {@code segment} inside it. */
    public StepPath then(Segment segment) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(Require.nonNull(segment, "segment"));
        return new StepPath(longer);
    }

    /** The name of the step itself: the last segment's. */
    public String stepName() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("the root path names no step");
        }
        return segments.get(segments.size() - 1).name();
    }

    /** The iteration of the enclosing loop named {@code loop}, if the step runs inside one. */
    public OptionalInt iteration(String loop) {
        Require.nonNull(loop, "loop");
        return segments.stream().filter(segment -> segment.name().equals(loop) && segment.iteration().isPresent())
                .reduce((outer, inner) -> inner).map(Segment::iteration).orElse(OptionalInt.empty());
    }

    /** The position of the innermost parallel item that holds the step, if it runs inside one. */
    public OptionalInt index() {
        return segments.stream().filter(segment -> segment.index().isPresent())
                .reduce((outer, inner) -> inner).map(Segment::index).orElse(OptionalInt.empty());
    }

    /** {@code refine#2/follow-ups[0]/answer}: the segments joined by {@code /}. */
    @Override
    public String toString() {
        if (segments.size() == 1) {
            return segments.getFirst().toString();
        }
        StringJoiner joined = new StringJoiner("/");
        for (Segment segment : segments) {
            joined.add(segment.toString());
        }
        return joined.toString();
    }
}
