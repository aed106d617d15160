package dev.detour.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a scenario for one simulator: finds the rule for each request (the exact route, then the model
 * with any route, then the surface's wildcard, then "answer normally"), numbers the rule's requests and
 * picks the behaviour. Counting is one atomic increment per request; nothing else is shared.
 */
final class ScenarioPlayer {

    /** The behaviour for one request, the rule that chose it, and the request's seeded draws. */
    record Turn(ModelRule rule, Behaviour behaviour, Dice dice) {}

    private record Live(ModelRule rule, AtomicLong requests, long stream) {
        Live(ModelRule rule) {
            this(rule, new AtomicLong(), rule.key().toString().hashCode());
        }
    }

    private final Scenario scenario;
    private final Map<ModelKey, Live> rules = new HashMap<>();

    ScenarioPlayer(Scenario scenario) {
        this.scenario = scenario;
        scenario.rules().forEach((key, rule) -> rules.put(key, new Live(rule)));
        for (Surface surface : Surface.values()) {
            rules.putIfAbsent(ModelKey.any(surface), new Live(ModelRule.answeringOk(ModelKey.any(surface))));
        }
    }

    Turn next(ModelKey requested) {
        Live live = Optional.ofNullable(rules.get(requested))
                .or(() -> Optional.ofNullable(rules.get(requested.withoutRoute())))
                .orElseGet(() -> rules.get(ModelKey.any(requested.surface())));
        Dice dice = new Dice(scenario.seed(), live.stream(), live.requests().getAndIncrement());
        return new Turn(live.rule(), live.rule().plan().pick(dice), dice);
    }

    boolean sufficient() {
        return scenario.sufficient();
    }
}
