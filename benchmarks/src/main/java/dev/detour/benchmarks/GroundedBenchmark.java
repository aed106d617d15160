package dev.detour.benchmarks;

import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.Finding;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.research.SourceResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grounded research run (a plan of six sub-questions, each searched in three sources at once, then judged
 * and synthesized) with every model call and every search taking 200 ms on the simulator, one run after
 * another: its wall time against the critical path, plan + one parallel round (search, then answer) + judge
 * + synthesize = 5 × 200 ms. Core's {@code ResearchWorkflow} on Detour's chain and the evidence adapters
 * ({@link AdapterSources}: one try per search, no rate limit).
 */
final class GroundedBenchmark {

    /** The plan's sub-questions, all investigated in one parallel round. */
    static final int SUB_QUESTIONS = 6;
    static final List<String> SOURCES = List.of("pubmed", "europepmc", "clinicaltrials");
    private static final Duration CRITICAL_PATH = SimulatorProcess.GROUNDED_LATENCY.multipliedBy(5);

    private GroundedBenchmark() {}

    static String run(boolean quick) throws Exception {
        int runs = Integer.getInteger("grounded.runs", quick ? 3 : 7);
        StringBuilder table = new StringBuilder()
                .append(Bench.header("runs, one after another", "sub-questions answered", "grounded in", "model calls per run",
                        "source requests per run", "references", "wall time per run", "critical path", "ratio",
                        "CPU floor per run", "client CPU per run", "simulator CPU per run", "completed"));
        try (SimulatorChild simulator = SimulatorChild.start("grounded-200ms");
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI), 64, Duration.ofSeconds(30));
                AdapterSources sources = new AdapterSources(simulator, SOURCES)) {
            WorkflowEngine engine = new WorkflowEngine(detour.get(ModelPort.class), sources, Clock.systemUTC(), List.of(),
                    Pricing.none(), RunStore.none());
            ResearchSettings settings = ResearchSettings.defaults().withParallelism(SUB_QUESTIONS)
                    .withGrounding(GroundingSettings.of(SOURCES));
            ResearchRunner runner = new ResearchRunner(engine, settings);
            for (int warm = 0; warm < 2; warm++) {
                runner.run("Why do tides happen twice a day? (warm-up " + warm + ")");
            }
            List<Double> walls = new ArrayList<>();
            List<Double> floors = new ArrayList<>();
            List<Double> clients = new ArrayList<>();
            List<Double> servers = new ArrayList<>();
            int completed = 0;
            int answered = Integer.MAX_VALUE;
            int grounded = Integer.MAX_VALUE;
            int references = Integer.MAX_VALUE;
            long searches = 0;
            long modelCalls = 0;
            for (int run = 0; run < runs; run++) {
                long requestsBefore = sourceRequests(simulator);
                long callsBefore = simulator.count(SimulatorProcess.OPENAI);
                ClientCpu before = ClientCpu.now();
                Duration serverBefore = simulator.cpu();
                long start = System.nanoTime();
                ResearchRun result = runner.run("Why do tides happen twice a day? (run " + run + ")");
                walls.add((System.nanoTime() - start) / 1e9);
                double client = ClientCpu.now().since(before).processSeconds();
                double server = simulator.cpu().minus(serverBefore).toMillis() / 1000.0;
                clients.add(client);
                servers.add(server);
                floors.add(Machine.floorSeconds(client + server));
                searches += sourceRequests(simulator) - requestsBefore;
                modelCalls += simulator.count(SimulatorProcess.OPENAI) - callsBefore;
                if (result.result().status() == RunStatus.COMPLETED) {
                    completed++;
                }
                List<Finding> findings = result.report().findings();
                answered = Math.min(answered, (int) findings.stream().filter(Finding::isAnswered).count());
                grounded = Math.min(grounded, (int) findings.stream().filter(finding -> finding.isGrounded()
                        && finding.sources().size() == SOURCES.size()
                        && finding.sources().stream().allMatch(SourceResult::answered)).count());
                references = Math.min(references, result.report().references().size());
            }
            Spread wall = new Spread(walls);
            table.append(Bench.row(runs, answered, grounded + " by all of " + String.join(", ", SOURCES),
                    String.format(Locale.ROOT, "%.1f", (double) modelCalls / runs),
                    String.format(Locale.ROOT, "%.1f", (double) searches / runs), references,
                    wall.showSeconds(), String.format(Locale.ROOT, "%.2f s", CRITICAL_PATH.toMillis() / 1000.0),
                    wall.over(new Spread(walls.stream().map(value -> CRITICAL_PATH.toMillis() / 1000.0).toList())).showRatio(),
                    new Spread(floors).showSeconds(), new Spread(clients).showSeconds(), new Spread(servers).showSeconds(),
                    completed + " / " + runs));
        }
        return table.toString();
    }

    private static long sourceRequests(SimulatorChild simulator) throws Exception {
        long total = 0;
        for (String source : SOURCES) {
            total += simulator.count(source);
        }
        return total;
    }
}
