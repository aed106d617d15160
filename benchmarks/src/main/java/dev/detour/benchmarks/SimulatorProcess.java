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
 * share a heap or a file-descriptor limit. It prints {@code READY name=<base url> …} (hf, openai, anthropic and
 * the evidence sources), then answers {@code count <model>} with a number per line, and {@code errors} as
 * {@link ServerErrors} says, until {@code quit}.
 */
public final class SimulatorProcess {

    static final String PRIMARY = "hf:Qwen/Qwen2.5-72B-Instruct";
    static final String FALLBACK = "hf:Qwen/Qwen2.5-7B-Instruct";
    static final String OPENAI = "openai:gpt-4o-mini";
    static final String CLAUDE = "anthropic:claude-sonnet-4-5";

    /** The latency of every model call and every search in the grounded research benchmark. */
    static final Duration GROUNDED_LATENCY = Duration.ofMillis(200);

    private SimulatorProcess() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = scenario(args[0]);
        ServerErrors errors = ServerErrors.watch();
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario, ProviderSimulator.Recording.COUNTS_ONLY);
                BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY hf=" + simulator.huggingFaceBaseUrl() + " openai=" + simulator.openAiBaseUrl()
                    + " anthropic=" + simulator.anthropicBaseUrl() + " pubmed=" + simulator.pubMedBaseUrl()
                    + " europepmc=" + simulator.europePmcBaseUrl() + " clinicaltrials=" + simulator.clinicalTrialsBaseUrl());
            System.out.flush();
            String line;
            while ((line = commands.readLine()) != null && !line.equals("quit")) {
                if (line.startsWith("count ")) {
                    System.out.println(simulator.requestCount(line.substring("count ".length())));
                    System.out.flush();
                } else if (line.equals("errors")) {
                    System.out.println(errors.line());
                    System.out.flush();
                }
            }
        }
    }

    static Scenario scenario(String name) {
        return switch (name) {
            case "instant" -> Scenario.builder("instant").description("every model answers at once")
                    .model(OPENAI, script -> script.always(Behaviour.ok()))
                    .model(CLAUDE, script -> script.always(Behaviour.ok()))
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
            case "grounded-200ms" -> Scenario.builder("grounded-200ms")
                    .description("every model call and every search takes 200 ms (PubMed's two requests 100 ms each)")
                    .arrayItems(GroundedBenchmark.SUB_QUESTIONS)
                    .model(OPENAI, script -> script.always(Behaviour.ok().withLatency(GROUNDED_LATENCY)))
                    .source("pubmed", script -> script.always(Behaviour.ok().withLatency(GROUNDED_LATENCY.dividedBy(2))))
                    .source("europepmc", script -> script.always(Behaviour.ok().withLatency(GROUNDED_LATENCY)))
                    .source("clinicaltrials", script -> script.always(Behaviour.ok().withLatency(GROUNDED_LATENCY)))
                    .build();
            default -> throw new IllegalArgumentException("unknown benchmark scenario " + name);
        };
    }
}
