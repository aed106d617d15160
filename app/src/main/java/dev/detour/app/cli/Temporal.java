package dev.detour.app.cli;

import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalTarget;

/** Reaching the configured Temporal frontend, with its absence turned into a usage problem that says what to do. */
final class Temporal {

    private Temporal() {}

    static TemporalRuns connect(TemporalTarget target) {
        try {
            return TemporalRuns.connect(target);
        } catch (IllegalStateException e) {
            throw unreachable(target, e);
        }
    }

    static UsageProblem unreachable(TemporalTarget target, RuntimeException e) {
        return new UsageProblem("detour: no Temporal frontend answers at " + target.target()
                + "; start one (temporal server start-dev) or point temporal.target in the configuration at yours");
    }
}
