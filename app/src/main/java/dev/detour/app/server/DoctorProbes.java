package dev.detour.app.server;

import dev.detour.app.resilience.ChainLink;
import dev.detour.app.resilience.ModelChain;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code GET /v1/doctor}: probes each model of the chain once, with no retries and no circuit breaker,
 * at most once per interval; between rounds every caller gets the last round.
 */
final class DoctorProbes {

    /** One model's answer to the probe. */
    record Probe(String model, Optional<String> inferenceProvider, boolean ok, Optional<String> kind,
            OptionalInt httpStatus, long latencyMs, String message) {}

    /** One round of probes. */
    record Round(Instant at, List<Probe> probes) {}

    private static final ChatRequest PROBE = ChatRequest.of(ChatMessage.user("Reply with the single word: OK"))
            .withOptions(GenerationOptions.defaults().withMaxOutputTokens(5));

    private final ModelChain chain;
    private final Duration timeout;
    private final Duration interval;
    private final Clock clock;
    private Round last;

    DoctorProbes(ModelChain chain, Duration timeout, Duration interval, Clock clock) {
        this.chain = chain;
        this.timeout = timeout;
        this.interval = interval;
        this.clock = clock;
    }

    /** The last round if it is younger than the interval, else a new one; callers during a round wait for it. */
    synchronized Round round() {
        if (last != null && clock.instant().isBefore(last.at().plus(interval))) {
            return last;
        }
        List<Probe> probes = new ArrayList<>();
        for (ChainLink link : chain.links()) {
            probes.add(probe(link));
        }
        last = new Round(clock.instant(), List.copyOf(probes));
        return last;
    }

    Duration interval() {
        return interval;
    }

    private Probe probe(ChainLink link) {
        long start = System.nanoTime();
        try {
            ChatResponse answer = link.port().chat(PROBE, CallContext.none().withDeadline(clock.instant().plus(timeout)));
            return new Probe(link.model().toString(), answer.inferenceProvider(), true, Optional.empty(),
                    OptionalInt.empty(), millisSince(start), answer.text().strip());
        } catch (ModelCallException failure) {
            return new Probe(link.model().toString(), failure.inferenceProvider(), false,
                    Optional.of(failure.kind().displayName()), failure.httpStatus(), millisSince(start), failure.detail());
        }
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
