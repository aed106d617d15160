package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.util.List;

/** How a model picks the behaviour for its n-th request: in order, or by a seeded weighted draw. */
sealed interface Plan {

    Behaviour pick(Dice dice);

    /** Every behaviour the plan can pick. */
    List<Behaviour> behaviours();

    /** The n-th request gets the n-th step; after the last step, the last one repeats or the steps start over. */
    record Sequence(List<Behaviour> steps, boolean cycle) implements Plan {

        public Sequence {
            steps = List.copyOf(Require.nonNull(steps, "steps"));
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a sequence needs at least one behaviour");
            }
        }

        @Override
        public Behaviour pick(Dice dice) {
            long n = dice.ordinal();
            int size = steps.size();
            if (n < size) {
                return steps.get((int) n);
            }
            return cycle ? steps.get((int) (n % size)) : steps.getLast();
        }

        @Override
        public List<Behaviour> behaviours() {
            return steps;
        }
    }

    /** Each request draws one entry, with a chance proportional to its weight. */
    record Mix(List<Weighted> entries) implements Plan {

        public Mix {
            entries = List.copyOf(Require.nonNull(entries, "entries"));
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a mix needs at least one weighted behaviour");
            }
        }

        @Override
        public Behaviour pick(Dice dice) {
            double total = entries.stream().mapToDouble(Weighted::weight).sum();
            double point = dice.unit(Dice.MIX) * total;
            for (Weighted entry : entries) {
                point -= entry.weight();
                if (point < 0) {
                    return entry.behaviour();
                }
            }
            return entries.getLast().behaviour();
        }

        @Override
        public List<Behaviour> behaviours() {
            return entries.stream().map(Weighted::behaviour).toList();
        }
    }

    /** One entry of a mix. */
    record Weighted(double weight, Behaviour behaviour) {

        public Weighted {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be a number above 0, was " + weight);
            }
            Require.nonNull(behaviour, "behaviour");
        }
    }
}
