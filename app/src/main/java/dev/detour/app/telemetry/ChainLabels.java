package dev.detour.app.telemetry;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import io.opentelemetry.api.common.Attributes;
import java.util.Locale;

/**
 * The attribute sets of the chain's attempt and fallback counters and of its skip events, and the models'
 * names, each made once per model and outcome and then reused by every call.
 */
final class ChainLabels {

    private record AttemptKey(ModelRef model, Attempt.Outcome outcome, String kind) {}

    private record FallbackKey(ModelRef from, ModelRef to) {}

    private final Memo<ModelRef, String> names = new Memo<>(ModelRef::toString);
    private final Memo<AttemptKey, Attributes> attempts = new Memo<>(key -> Attributes.of(
            GenAi.MODEL, name(key.model()),
            GenAi.OUTCOME, key.outcome().name().toLowerCase(Locale.ROOT),
            GenAi.KIND, key.kind()));
    private final Memo<AttemptKey, Attributes> skips = new Memo<>(key -> Attributes.of(
            GenAi.MODEL, name(key.model()),
            GenAi.REQUEST_MODEL, key.model().model(),
            GenAi.SKIP_REASON, key.kind()));
    private final Memo<FallbackKey, Attributes> fallbacks = new Memo<>(key -> Attributes.of(
            GenAi.FALLBACK_FROM_ONE, name(key.from()), GenAi.FALLBACK_TO, name(key.to())));

    /** {@code provider:model}, as spans and metrics name a model. */
    String name(ModelRef model) {
        return names.get(model);
    }

    /** The {@code detour.attempts} attributes of an attempt of {@code model} that ended in {@code outcome} of {@code kind}. */
    Attributes attempt(ModelRef model, Attempt.Outcome outcome, String kind) {
        return attempts.get(new AttemptKey(model, outcome, kind));
    }

    /** The attributes of the event of {@code model} skipped for {@code reason}. */
    Attributes skip(ModelRef model, String reason) {
        return skips.get(new AttemptKey(model, Attempt.Outcome.SKIPPED, reason));
    }

    /** The {@code detour.fallbacks} attributes of a fallback from {@code from} to {@code to}. */
    Attributes fallback(ModelRef from, ModelRef to) {
        return fallbacks.get(new FallbackKey(from, to));
    }
}
