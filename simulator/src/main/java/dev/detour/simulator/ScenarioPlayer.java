package dev.detour.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a scenario for one simulator: finds the rule for each request (for a model the exact route, then
 * the model with any route, then the surface's wildcard; for a source the endpoint, then the source; then
 * "answer normally"), numbers the rule's requests and picks the behaviour. Counting is one atomic increment
 * per request; nothing else is shared.
 */
final class ScenarioPlayer {

    /** The behaviour for one model request, the rule that chose it, and the request's seeded draws. */
    record Turn(ModelRule rule, Behaviour behaviour, Dice dice) {}

    /** The behaviour for one source request and the request's seeded draws. */
    record SourceTurn(Behaviour behaviour, Dice dice) {}

    private record Live<R>(R rule, Plan plan, AtomicLong requests, long stream) {
        Live(R rule, Plan plan, RequestKey key) {
            this(rule, plan, new AtomicLong(), key.toString().hashCode());
        }

        Dice roll(long seed) {
            return new Dice(seed, stream, requests.getAndIncrement());
        }
    }

    private final Scenario scenario;
    private final Map<ModelKey, Live<ModelRule>> rules = new HashMap<>();
    private final Map<SourceKey, Live<SourceRule>> sources = new HashMap<>();

    ScenarioPlayer(Scenario scenario) {
        this.scenario = scenario;
        scenario.rules().forEach((key, rule) -> rules.put(key, new Live<>(rule, rule.plan(), key)));
        for (Surface surface : Surface.values()) {
            ModelRule ok = ModelRule.answeringOk(ModelKey.any(surface));
            rules.putIfAbsent(ok.key(), new Live<>(ok, ok.plan(), ok.key()));
        }
        scenario.sources().forEach((key, rule) -> sources.put(key, new Live<>(rule, rule.plan(), key)));
        for (Source source : Source.values()) {
            SourceRule ok = SourceRule.answeringOk(new SourceKey(source, Optional.empty()));
            sources.putIfAbsent(ok.key(), new Live<>(ok, ok.plan(), ok.key()));
        }
    }

    Turn next(ModelKey requested) {
        Live<ModelRule> live = Optional.ofNullable(rules.get(requested))
                .or(() -> Optional.ofNullable(rules.get(requested.withoutRoute())))
                .orElseGet(() -> rules.get(ModelKey.any(requested.surface())));
        Dice dice = live.roll(scenario.seed());
        return new Turn(live.rule(), live.plan().pick(dice), dice);
    }

    SourceTurn next(SourceKey requested) {
        Live<SourceRule> live = Optional.ofNullable(sources.get(requested))
                .orElseGet(() -> sources.get(requested.withoutEndpoint()));
        Dice dice = live.roll(scenario.seed());
        return new SourceTurn(live.plan().pick(dice), dice);
    }

    boolean sufficient() {
        return scenario.sufficient();
    }

    int arrayItems() {
        return scenario.arrayItems();
    }
}
