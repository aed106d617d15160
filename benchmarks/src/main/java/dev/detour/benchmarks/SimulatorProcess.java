package dev.detour.benchmarks;

import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The simulator as a process of its own, so the benchmarked client and the simulated providers do not
 * share a heap or a file-descriptor limit. It prints {@code READY <hf base url> <openai base url>}, then
 * answers {@code count <model>} with a number per line until {@code quit}.
 */
public final class SimulatorProcess {

    static final String PRIMARY = "hf:Qwen/Qwen2.5-72B-Instruct";
    static final String FALLBACK = "hf:Qwen/Qwen2.5-7B-Instruct";
    static final String OPENAI = "openai:gpt-4o-mini";

    private SimulatorProcess() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = scenario(args[0]);
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario, ProviderSimulator.Recording.COUNTS_ONLY);
                BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY " + simulator.huggingFaceBaseUrl() + " " + simulator.openAiBaseUrl());
            System.out.flush();
            String line;
            while ((line = commands.readLine()) != null && !line.equals("quit")) {
                if (line.startsWith("count ")) {
                    System.out.println(simulator.requestCount(line.substring("count ".length())));
                    System.out.flush();
                }
            }
        }
    }

    static Scenario scenario(String name) {
        return switch (name) {
            case "instant" -> Scenario.builder("instant").description("every model answers at once")
                    .model(OPENAI, script -> script.always(Behaviour.ok()))
                    .model(FALLBACK, script -> script.servedBy("hf-inference").always(Behaviour.ok()))
                    .build();
            case "primary-down" -> Scenario.builder("primary-down").description("the primary answers 500 at once")
                    .model(PRIMARY, script -> script.servedBy("novita")
                            .always(Behaviour.status(500, "{\"error\":\"Internal Server Error\"}")))
                    .model(FALLBACK, script -> script.servedBy("hf-inference").always(Behaviour.ok()))
                    .build();
            case "slow-200ms" -> Scenario.builder("slow-200ms").description("every answer takes 200 ms")
                    .model(OPENAI, script -> script.always(Behaviour.ok().withLatency(Duration.ofMillis(200))))
                    .build();
            default -> throw new IllegalArgumentException("unknown benchmark scenario " + name);
        };
    }
}
