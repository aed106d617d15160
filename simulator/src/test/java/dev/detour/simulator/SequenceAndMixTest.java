package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.openAi;
import static dev.detour.simulator.SimulatorClient.router;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SequenceAndMixTest {

    private static final Behaviour FAIL = Behaviour.status(500, "{\"error\":\"boom\"}");
    private static final Behaviour LIMIT = Behaviour.status(429, "{\"error\":\"slow down\"}");

    private static List<Integer> statuses(ProviderSimulator simulator, String model, int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(openAi(simulator, chat(model, "request " + i)).statusCode());
        }
        return statuses;
    }

    private static Scenario mixed(long seed) {
        return Scenario.builder("mixed").seed(seed)
                .model("openai:gpt-4o-mini", m -> m.mix(3, Behaviour.ok()).mix(1, FAIL))
                .build();
    }

    @Test
    void answersASequenceInOrderThenRepeatsItsLastBehaviour() {
        Scenario scenario = Scenario.builder("sequence")
                .model("openai:gpt-4o-mini", m -> m.sequence(LIMIT, FAIL, Behaviour.ok()))
                .build();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            assertThat(statuses(simulator, "gpt-4o-mini", 5)).containsExactly(429, 500, 200, 200, 200);
        }
    }

    @Test
    void startsACycleOverAfterItsLastBehaviour() {
        Scenario scenario = Scenario.builder("cycle")
                .model("openai:gpt-4o-mini", m -> m.cycle(FAIL, Behaviour.ok()))
                .build();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            assertThat(statuses(simulator, "gpt-4o-mini", 5)).containsExactly(500, 200, 500, 200, 500);
        }
    }

    @Test
    void countsEachModelsSequenceSeparately() {
        Scenario scenario = Scenario.builder("two")
                .model("hf:a/one", m -> m.sequence(FAIL, Behaviour.ok()))
                .model("hf:a/two", m -> m.sequence(FAIL, Behaviour.ok()))
                .build();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            assertThat(router(simulator, chat("a/one", "x")).statusCode()).isEqualTo(500);
            assertThat(router(simulator, chat("a/two", "x")).statusCode()).isEqualTo(500);
            assertThat(router(simulator, chat("a/one", "x")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void startsTheSequenceAgainInEverySimulatorPlayingTheScenario() {
        Scenario scenario = Scenario.builder("again").model("openai:m", m -> m.sequence(FAIL, Behaviour.ok())).build();
        try (ProviderSimulator first = ProviderSimulator.start(scenario)) {
            assertThat(statuses(first, "m", 2)).containsExactly(500, 200);
        }
        try (ProviderSimulator second = ProviderSimulator.start(scenario)) {
            assertThat(statuses(second, "m", 2)).containsExactly(500, 200);
        }
    }

    @Test
    void givesExactlyTheFirstOfManyConcurrentRequestsTheFirstBehaviour() throws Exception {
        Scenario scenario = Scenario.builder("once").model("openai:m", m -> m.sequence(LIMIT, Behaviour.ok())).build();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(clients.submit(() -> openAi(simulator, chat("m", "concurrent")).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(199);
        }
    }

    @Test
    void drawsTheSameMixForTheSameSeed() {
        List<Integer> first;
        try (ProviderSimulator simulator = ProviderSimulator.start(mixed(7))) {
            first = statuses(simulator, "gpt-4o-mini", 40);
        }
        try (ProviderSimulator simulator = ProviderSimulator.start(mixed(7))) {
            assertThat(statuses(simulator, "gpt-4o-mini", 40)).isEqualTo(first);
        }
        assertThat(first).contains(200, 500);
    }

    @Test
    void drawsAnotherMixForAnotherSeed() {
        List<Integer> seven;
        try (ProviderSimulator simulator = ProviderSimulator.start(mixed(7))) {
            seven = statuses(simulator, "gpt-4o-mini", 40);
        }
        try (ProviderSimulator simulator = ProviderSimulator.start(mixed(8))) {
            assertThat(statuses(simulator, "gpt-4o-mini", 40)).isNotEqualTo(seven);
        }
    }

    @Test
    void drawsEachEntryOfAMixAboutAsOftenAsItsWeightSays() {
        Plan.Mix mix = new Plan.Mix(List.of(new Plan.Weighted(3, Behaviour.ok()), new Plan.Weighted(1, FAIL)));
        int failures = 0;
        for (long ordinal = 0; ordinal < 4000; ordinal++) {
            failures += mix.pick(new Dice(11, 5, ordinal)) == FAIL ? 1 : 0;
        }
        assertThat(failures).isBetween(850, 1150);
    }

    @Test
    void drawsLatenciesWithinTheirRangeAndTheSameForTheSameRequest() {
        Latency uniform = new Latency.Uniform(Duration.ofMillis(100), Duration.ofMillis(300));
        for (long ordinal = 0; ordinal < 1000; ordinal++) {
            assertThat(uniform.draw(new Dice(3, 9, ordinal)))
                    .isBetween(Duration.ofMillis(100), Duration.ofMillis(300))
                    .isEqualTo(uniform.draw(new Dice(3, 9, ordinal)));
        }
        Latency normal = new Latency.Normal(Duration.ofMillis(5), Duration.ofMillis(50));
        for (long ordinal = 0; ordinal < 1000; ordinal++) {
            assertThat(normal.draw(new Dice(3, 9, ordinal)).isNegative()).isFalse();
        }
    }
}
