package dev.detour.app.telemetry;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ModelRef;
import io.opentelemetry.api.common.Attributes;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The attribute sets of the chain's attempt and fallback counters and of its skip events, and the models'
 * names, each made once per model and outcome and then reused by every call.
 */
final class ChainLabels {

    private record FallbackKey(ModelRef from, ModelRef to) {}

    private final Memo<ModelRef, ModelLabels> models = new Memo<>(ModelLabels::new);
    private final Memo<FallbackKey, Attributes> fallbacks = new Memo<>(key -> Attributes.of(
            GenAi.FALLBACK_FROM_ONE, name(key.from()), GenAi.FALLBACK_TO, name(key.to())));

    /** {@code model}'s name and attribute sets, made once per model. */
    ModelLabels of(ModelRef model) {
        return models.get(model);
    }

    /** {@code provider:model}, as spans and metrics name a model. */
    String name(ModelRef model) {
        return of(model).name();
    }

    /** The {@code detour.fallbacks} attributes of a fallback from {@code from} to {@code to}. */
    Attributes fallback(ModelRef from, ModelRef to) {
        return fallbacks.get(new FallbackKey(from, to));
    }

    /** One model's name, and the attribute sets of its attempts by outcome and kind and of its skip events. */
    static final class ModelLabels {

        private final String name;
        private final Map<Attempt.Outcome, Memo<String, Attributes>> attempts = new EnumMap<>(Attempt.Outcome.class);
        private final Memo<String, Attributes> skips;

        private ModelLabels(ModelRef model) {
            this.name = model.toString();
            for (Attempt.Outcome outcome : Attempt.Outcome.values()) {
                attempts.put(outcome, new Memo<>(kind -> Attributes.of(
                        GenAi.MODEL, name, GenAi.OUTCOME, outcome.name().toLowerCase(Locale.ROOT), GenAi.KIND, kind)));
            }
            this.skips = new Memo<>(reason -> Attributes.of(
                    GenAi.MODEL, name, GenAi.REQUEST_MODEL, model.model(), GenAi.SKIP_REASON, reason));
        }

        String name() {
            return name;
        }

        /** The {@code detour.attempts} attributes of an attempt that ended in {@code outcome} of {@code kind}. */
        Attributes attempt(Attempt.Outcome outcome, String kind) {
            return attempts.get(outcome).get(kind);
        }

        /** The attributes of the event of this model skipped for {@code reason}. */
        Attributes skip(String reason) {
            return skips.get(reason);
        }
    }
}
