package dev.detour.app.cli;

import dev.detour.core.internal.Durations;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders the attempts of a failed call as a table with one hint per kind of failure, for the person
 * who has to decide what to do next: a 401 says which token to check, a 402 that credits are used up,
 * a 5xx from a routed provider that it is an upstream outage.
 */
final class FailureHints {

    private final Function<String, String> tokenEnvOfProvider;

    /** @param tokenEnvOfProvider the token variable of a configured provider name, or null if it has none */
    FailureHints(Function<String, String> tokenEnvOfProvider) {
        this.tokenEnvOfProvider = tokenEnvOfProvider;
    }

    String render(List<Attempt> attempts) {
        TextTable table = new TextTable("#", "model", "inference provider", "try", "outcome", "HTTP", "latency", "message");
        int number = 1;
        for (Attempt attempt : attempts) {
            table.row(number++, attempt.model(), attempt.inferenceProvider().orElse("-"),
                    attempt.outcome() == Attempt.Outcome.SKIPPED ? "-" : attempt.retry() + 1,
                    outcome(attempt),
                    attempt.httpStatus().isPresent() ? attempt.httpStatus().getAsInt() : "-",
                    attempt.outcome() == Attempt.Outcome.SKIPPED ? "-" : Durations.human(attempt.duration()),
                    attempt.message());
        }
        StringBuilder out = new StringBuilder(table.render("  "));
        Set<String> hints = new LinkedHashSet<>();
        attempts.forEach(attempt -> hint(attempt).ifPresent(hints::add));
        if (!hints.isEmpty()) {
            out.append("What to do:\n");
            hints.forEach(hint -> out.append("  - ").append(hint).append('\n'));
        }
        return out.toString();
    }

    private static String outcome(Attempt attempt) {
        return switch (attempt.outcome()) {
            case SUCCEEDED -> "ok";
            case CANCELLED -> "cancelled (interrupted)";
            case SKIPPED -> "skipped: " + attempt.skipReason().orElseThrow().description();
            case FAILED -> attempt.kind().map(ErrorKind::displayName).orElse("unexpected error");
        };
    }

    private java.util.Optional<String> hint(Attempt attempt) {
        String provider = attempt.model().provider();
        String servedBy = attempt.inferenceProvider().orElse(provider);
        if (attempt.outcome() == Attempt.Outcome.CANCELLED) {
            return java.util.Optional.of("the run was interrupted while " + attempt.model() + " was answering;"
                    + " run it again to finish");
        }
        if (attempt.outcome() == Attempt.Outcome.SKIPPED) {
            return java.util.Optional.of(provider + " " + attempt.model().model() + " was skipped ("
                    + attempt.skipReason().orElseThrow().description() + "): "
                    + switch (attempt.skipReason().orElseThrow()) {
                        case CIRCUIT_OPEN -> "it failed repeatedly just before; it is tried again after"
                                + " resilience.circuit-breaker.open-for";
                        case DEADLINE_REACHED -> "the call ran out of time; raise resilience.call-deadline"
                                + " (or the run's time limit, if one was set)";
                        case CANCELLED -> "the run was cancelled";
                        case COST_BUDGET -> "the run's cost budget could not pay for it; raise workflow.cost-budget"
                                + " (--cost-budget), or give the model a price under pricing";
                    });
        }
        int status = attempt.httpStatus().orElse(0);
        String token = tokenEnvOfProvider.apply(provider);
        if (status == 401 || status == 403 || attempt.kind().orElse(null) == ErrorKind.AUTHENTICATION_FAILED) {
            String what = "HTTP " + (status == 0 ? "auth failure" : status) + " from " + servedBy + ": ";
            return java.util.Optional.of(token == null
                    ? what + "provider " + provider + " has no key configured; name its variable with token-env and set it"
                    : what + "check the token in " + token + " (is it set, valid, and allowed to use "
                            + attempt.model().model() + "?)");
        }
        if (status == 402 || attempt.kind().orElse(null) == ErrorKind.QUOTA_EXCEEDED) {
            return java.util.Optional.of("HTTP " + (status == 0 ? "quota" : status) + " from " + servedBy
                    + ": credits or quota are used up; add credits at the provider or drop " + attempt.model()
                    + " from the chain");
        }
        if (status >= 500 && !servedBy.equals(provider)) {
            return java.util.Optional.of("HTTP " + status + " from " + servedBy + " (routed by " + provider
                    + "): an upstream outage at " + servedBy + "; pin another inference provider with a"
                    + " :<provider> suffix, or rely on the fallback");
        }
        if (attempt.message().startsWith("cannot resolve ")) {
            return java.util.Optional.of("the host of provider " + provider + " does not resolve: check the network, or"
                    + " the provider's base-url");
        }
        if (attempt.kind().orElse(null) == ErrorKind.PROVIDER_UNAVAILABLE && servedBy.equals(provider)) {
            return java.util.Optional.of("ProviderUnavailable: " + provider + " is down or overloaded; if it persists,"
                    + " check its status page, or rely on the fallback");
        }
        return attempt.kind().map(kind -> kind.displayName() + ": " + kind.hint());
    }
}
