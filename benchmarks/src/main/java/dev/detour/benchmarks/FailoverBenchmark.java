package dev.detour.benchmarks;

import dev.detour.app.provider.Providers;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Failover in steady state: the primary always answers 500, the fallback is healthy. A call through
 * the chain is compared with a call to the healthy model alone, and with the incident report's naive
 * loop ("try each model in order, next one on a 500"), counting the requests that reach the dead
 * primary while its breaker is open.
 */
final class FailoverBenchmark {

    private FailoverBenchmark() {}

    static String run(boolean quick) throws Exception {
        int calls = quick ? 100 : 1500;
        ChatRequest request = ChatRequest.of(ChatMessage.user("Why do tides happen twice a day?"));
        StringBuilder table = new StringBuilder()
                .append("| variant | calls | p50 | p50 ratio | p99 | p99 ratio | requests to the dead primary while measured |\n")
                .append("|---|---|---|---|---|---|---|\n");
        try (SimulatorChild simulator = SimulatorChild.start("primary-down");
                Detours direct = Detours.over(simulator, List.of(SimulatorProcess.FALLBACK), 64, Duration.ofMinutes(30));
                Detours chained = Detours.over(simulator,
                        List.of(SimulatorProcess.PRIMARY, SimulatorProcess.FALLBACK), 64, Duration.ofMinutes(30))) {
            ModelPort healthyOnly = direct.get(ModelPort.class);
            ModelPort chain = chained.get(ModelPort.class);
            Providers raw = chained.get(Providers.class);
            ModelPort rawPrimary = raw.port(ModelRef.parse(SimulatorProcess.PRIMARY));
            ModelPort rawFallback = raw.port(ModelRef.parse(SimulatorProcess.FALLBACK));
            Callable<String> directCall = () -> healthyOnly.chat(request).text();
            Callable<String> chainCall = () -> chain.chat(request).text();
            Callable<String> naiveCall = () -> {
                try {
                    return rawPrimary.chat(request).text();
                } catch (ModelCallException primaryFailed) {
                    return rawFallback.chat(request).text();
                }
            };
            Load.run(1, calls, directCall, null);
            Load.run(1, calls, chainCall, null);
            Load.run(1, calls, naiveCall, null);
            Latencies directLatency = new Latencies();
            Latencies chainLatency = new Latencies();
            Latencies naiveLatency = new Latencies();
            long chainPrimaryRequests = 0;
            long naivePrimaryRequests = 0;
            for (int round = 0; round < 3; round++) {
                Load.run(1, calls, directCall, directLatency);
                long before = simulator.count(SimulatorProcess.PRIMARY);
                Load.run(1, calls, chainCall, chainLatency);
                long between = simulator.count(SimulatorProcess.PRIMARY);
                Load.run(1, calls, naiveCall, naiveLatency);
                chainPrimaryRequests += between - before;
                naivePrimaryRequests += simulator.count(SimulatorProcess.PRIMARY) - between;
            }
            double base50 = directLatency.percentileMillis(50);
            double base99 = directLatency.percentileMillis(99);
            table.append(Bench.row("healthy model alone (baseline)", directLatency.count(), Bench.millis(base50), "1.00",
                    Bench.millis(base99), "1.00", "—"));
            table.append(Bench.row("Detour chain, primary's breaker open", chainLatency.count(),
                    Bench.millis(chainLatency.percentileMillis(50)), Bench.ratio(chainLatency.percentileMillis(50) / base50),
                    Bench.millis(chainLatency.percentileMillis(99)), Bench.ratio(chainLatency.percentileMillis(99) / base99),
                    chainPrimaryRequests));
            table.append(Bench.row("naive loop over models on 500", naiveLatency.count(),
                    Bench.millis(naiveLatency.percentileMillis(50)), Bench.ratio(naiveLatency.percentileMillis(50) / base50),
                    Bench.millis(naiveLatency.percentileMillis(99)), Bench.ratio(naiveLatency.percentileMillis(99) / base99),
                    naivePrimaryRequests));
        }
        return table.toString();
    }
}
