package dev.detour.benchmarks;

import dev.detour.app.provider.Providers;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.langchain4j.model.chat.ChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Failover in steady state: the primary always answers 500, the fallback is healthy, concurrency 1. Detour's
 * chain (primary's breaker open) is compared with Detour calling the healthy model alone, with the incident
 * report's naive loop ("next model on a 500") over Detour's adapters, and with the loop users write around
 * LangChain4j ("try A, then B"), with {@code maxRetries(0)} and with its default retries, each against
 * LangChain4j calling the healthy model alone. Requests reaching the dead primary are counted while measured.
 */
final class FailoverBenchmark {

    static final String HEALTHY = "Detour, healthy model alone (baseline)";
    static final String CHAIN = "Detour chain, primary's breaker open";
    static final String NAIVE = "naive loop over Detour's adapters, next model on a 500";
    static final String LC4J_HEALTHY = "LangChain4j, healthy model alone (its baseline)";
    static final String LC4J_LOOP = "LangChain4j + hand-written A-then-B loop, maxRetries 0";
    static final String LC4J_RETRIES = "LangChain4j + hand-written A-then-B loop, default retries (2)";

    private FailoverBenchmark() {}

    static String run(boolean quick) throws Exception {
        int calls = quick ? 50 : 500;
        int slowCalls = quick ? 1 : 4;
        ChatRequest request = ChatRequest.of(ChatMessage.user("Why do tides happen twice a day?"));
        String prompt = "Why do tides happen twice a day?";
        StringBuilder table = new StringBuilder()
                .append(Bench.header("variant", "calls measured", "p50", "p50 ratio to its baseline", "p99", "p99 ratio",
                        "requests to the dead primary while measured"));
        try (SimulatorChild simulator = SimulatorChild.start("primary-down");
                Detours direct = Detours.over(simulator, List.of(SimulatorProcess.FALLBACK), 64, Duration.ofMinutes(30));
                Detours chained = Detours.over(simulator,
                        List.of(SimulatorProcess.PRIMARY, SimulatorProcess.FALLBACK), 64, Duration.ofMinutes(30))) {
            ModelPort healthyOnly = direct.get(ModelPort.class);
            ModelPort chain = chained.get(ModelPort.class);
            Providers raw = chained.get(Providers.class);
            ModelPort rawPrimary = raw.port(ModelRef.parse(SimulatorProcess.PRIMARY));
            ModelPort rawFallback = raw.port(ModelRef.parse(SimulatorProcess.FALLBACK));
            URI router = URI.create(simulator.huggingFace() + "/v1");
            String primaryModel = ModelRef.parse(SimulatorProcess.PRIMARY).model();
            String fallbackModel = ModelRef.parse(SimulatorProcess.FALLBACK).model();
            ChatModel lcFallback = LangChain4j.openAi(router, fallbackModel, 0, false);
            ChatModel lcPrimaryNoRetry = LangChain4j.openAi(router, primaryModel, 0, false);
            ChatModel lcPrimaryRetrying = LangChain4j.openAi(router, primaryModel, LangChain4j.DEFAULT_RETRIES, false);
            ChatModel lcFallbackRetrying = LangChain4j.openAi(router, fallbackModel, LangChain4j.DEFAULT_RETRIES, false);
            Callable<String> naive = () -> {
                try {
                    return rawPrimary.chat(request).text();
                } catch (ModelCallException primaryFailed) {
                    return rawFallback.chat(request).text();
                }
            };
            Rounds.Counter primary = () -> simulator.count(SimulatorProcess.PRIMARY);
            List<Rounds.Variant> variants = List.of(
                    new Rounds.Variant(HEALTHY, 1, calls, () -> healthyOnly.chat(request).text(), primary),
                    new Rounds.Variant(CHAIN, 1, calls, () -> chain.chat(request).text(), primary),
                    new Rounds.Variant(NAIVE, 1, calls, naive, primary),
                    new Rounds.Variant(LC4J_HEALTHY, 1, calls, () -> lcFallback.chat(prompt), primary),
                    new Rounds.Variant(LC4J_LOOP, 1, calls, () -> aThenB(lcPrimaryNoRetry, lcFallback, prompt), primary),
                    new Rounds.Variant(LC4J_RETRIES, 1, slowCalls,
                            () -> aThenB(lcPrimaryRetrying, lcFallbackRetrying, prompt), primary));
            Map<String, Rounds.Measured> measured = Rounds.interleaved(variants);
            for (Rounds.Variant variant : variants) {
                String baseline = variant.name().startsWith("LangChain4j") ? LC4J_HEALTHY : HEALTHY;
                Rounds.Measured figures = measured.get(variant.name());
                table.append(Bench.row(variant.name(), Bench.count(figures.calls()), figures.p50().showMillis(),
                        figures.p50().over(measured.get(baseline).p50()).showRatio(), figures.p99().showMillis(),
                        figures.p99().over(measured.get(baseline).p99()).showRatio(), Bench.count(figures.counted())));
            }
        }
        return table.toString();
    }

    /** The loop users write around a single-model library: the primary, and on any failure the fallback. */
    private static String aThenB(ChatModel primary, ChatModel fallback, String prompt) {
        try {
            return primary.chat(prompt);
        } catch (RuntimeException primaryFailed) {
            return fallback.chat(prompt);
        }
    }
}
