package dev.detour.app.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A call's deadline read against the clock: the time left before it and whether it has passed. */
final class Deadlines {

    private Deadlines() {}

    /** The time left before {@code deadline}, negative once it passed; empty without a deadline. */
    static Optional<Duration> left(Optional<Instant> deadline, Clock clock) {
        return deadline.map(end -> Duration.between(clock.instant(), end));
    }

    static boolean passed(Optional<Instant> deadline, Clock clock) {
        return deadline.isPresent() && !clock.instant().isBefore(deadline.get());
    }
}
