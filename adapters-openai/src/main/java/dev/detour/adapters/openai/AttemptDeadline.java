package dev.detour.adapters.openai;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import retrofit2.Call;

/**
 * Shortens a call's timeout to the deadline its caller gave (the chain's per-attempt timeout), so a
 * hung provider ends as a Timeout in time; a later deadline never lengthens the configured call timeout.
 */
final class AttemptDeadline {

    private AttemptDeadline() {}

    static <T> Call<T> apply(Call<T> call, Optional<Instant> deadline) {
        if (deadline.isPresent()) {
            long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Duration.between(Instant.now(), deadline.get()).toNanos());
            long configured = call.timeout().timeoutNanos();
            if (configured == 0 || left < configured) {
                call.timeout().timeout(left, TimeUnit.NANOSECONDS);
            }
        }
        return call;
    }
}
