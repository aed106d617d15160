package dev.detour.benchmarks;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import dev.langchain4j.model.chat.ChatModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N research-shaped runs at once (four sequential model calls each, 200 ms per call), against the simulator
 * and against the lean stub: Detour's engine, and LangChain4j's {@code OpenAiChatModel} (pinned to HTTP/1.1,
 * and on its default client) called four times from a virtual thread per run. Each variant is warmed up with
 * a round of the same N, then the variants take turns for {@value #ROUNDS_DEFAULT} rounds (rotated order). A
 * round reports wall time, the CPU floor (client plus server CPU over the cores: no client could finish
 * faster on this machine), client CPU with the JIT's and the collectors' share (their threads' CPU, and in
 * brackets the management beans' compilation and collection times), server CPU, peak heap and peak platform threads.
 */
final class ScaleBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(200);
    private static final Duration IDEAL = LATENCY.multipliedBy(4);
    private static final int ROUNDS_DEFAULT = 3;

    private ScaleBenchmark() {}

    /** One way of running N research-shaped runs at once. */
    private interface Contender extends AutoCloseable {
        String name();

        /** Runs {@code runs} at once and waits for them; returns how many completed, reporting the first failure. */
        int run(int runs, String label) throws Exception;

        @Override
        default void close() {}
    }

    /** One round's figures. */
    private record Round(double wall, double clientCpu, double jit, double gc, double jitBean, double gcBean,
            double serverCpu, long peakHeap, int peakThreads, int completed) {

        double floor() {
            return Machine.floorSeconds(clientCpu + serverCpu);
        }
    }

    static String run(boolean quick) throws Exception {
        int[] sizes = sizes(quick);
        int rounds = Integer.getInteger("scale.rounds", quick ? 1 : ROUNDS_DEFAULT);
        StringBuilder table = new StringBuilder()
                .append("| server | variant | runs at once | wall time | vs ideal (0.8 s) | CPU floor | wall ÷ floor"
                        + " | client CPU | of it JIT threads (compile time) | of it GC threads (collection time) | server CPU | peak heap used | peak platform threads | completed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Workflow<String, String> researchShaped = Workflow.step("plan", ask())
                .then("investigate", ask()).then("judge", ask()).then("synthesize", ask()).named("research-shaped");
        for (String server : servers()) {
            try (SimulatorChild child = server.equals("simulator") ? SimulatorChild.start("slow-200ms")
                    : SimulatorChild.stub(LATENCY)) {
                for (int runs : sizes) {
                    List<Contender> contenders = contenders(child, runs, researchShaped);
                    try {
                        for (Contender contender : contenders) {
                            contender.run(runs, "warm-up");
                        }
                        List<List<Round>> measured = new ArrayList<>();
                        contenders.forEach(contender -> measured.add(new ArrayList<>()));
                        for (int round = 0; round < rounds; round++) {
                            for (int turn = 0; turn < contenders.size(); turn++) {
                                int index = (round + turn) % contenders.size();
                                measured.get(index).add(measure(contenders.get(index), runs, child));
                            }
                        }
                        for (int i = 0; i < contenders.size(); i++) {
                            table.append(row(server, contenders.get(i).name(), runs, measured.get(i)));
                        }
                    } finally {
                        contenders.forEach(Contender::close);
                    }
                }
            }
        }
        return table.toString();
    }

    private static int[] sizes(boolean quick) {
        String sizes = System.getProperty("scale.runs");
        if (sizes != null) {
            return Arrays.stream(sizes.split(",")).mapToInt(size -> Integer.parseInt(size.strip())).toArray();
        }
        return quick ? new int[] {100} : new int[] {1_000, 10_000};
    }

    private static List<String> servers() {
        return List.of(System.getProperty("scale.servers", "simulator,stub").split(","));
    }

    private static List<Contender> contenders(SimulatorChild child, int runs, Workflow<String, String> workflow) {
        List<Contender> all = new ArrayList<>();
        all.add(detour(child, runs, workflow));
        all.add(langChain(LangChain4j.openAi(child.openAi(), "gpt-4o-mini", LangChain4j.DEFAULT_RETRIES, true),
                "LangChain4j, pinned to HTTP/1.1"));
        all.add(langChain(LangChain4j.openAi(child.openAi(), "gpt-4o-mini", LangChain4j.DEFAULT_RETRIES, false),
                "LangChain4j, default client (offers h2c)"));
        List<String> only = List.of(System.getProperty("scale.variants", "detour,lc4j-http11,lc4j").split(","));
        List<Contender> chosen = new ArrayList<>();
        String[] keys = {"detour", "lc4j-http11", "lc4j"};
        for (int i = 0; i < all.size(); i++) {
            if (only.contains(keys[i])) {
                chosen.add(all.get(i));
            } else {
                all.get(i).close();
            }
        }
        return chosen;
    }

    private static Contender detour(SimulatorChild child, int runs, Workflow<String, String> workflow) {
        Detours detour = Detours.over(child, List.of("openai:gpt-4o-mini"),
                Integer.getInteger("detour.bench.maxConcurrentCalls", Math.max(64, runs)), Duration.ofSeconds(30));
        WorkflowEngine engine = detour.get(WorkflowEngine.class);
        return new Contender() {
            @Override
            public String name() {
                return "Detour engine";
            }

            @Override
            public int run(int runs, String label) throws InterruptedException {
                List<RunHandle<String>> handles = new ArrayList<>(runs);
                for (int run = 0; run < runs; run++) {
                    handles.add(engine.start(workflow, label + " " + run, RunOptions.defaults()));
                }
                int completed = 0;
                Attempt earliestFailure = null;
                String firstFailure = null;
                for (RunHandle<String> handle : handles) {
                    RunResult<String> result = handle.await();
                    if (result.status() == RunStatus.COMPLETED) {
                        completed++;
                        continue;
                    }
                    if (firstFailure == null) {
                        firstFailure = result instanceof RunResult.Failed<String> failed
                                ? failed.failure().getMessage() : result.status().name();
                    }
                    for (Attempt attempt : result.record().attempts()) {
                        if (attempt.outcome() == Attempt.Outcome.FAILED
                                && (earliestFailure == null || attempt.start().isBefore(earliestFailure.start()))) {
                            earliestFailure = attempt;
                        }
                    }
                }
                if (earliestFailure != null) {
                    firstFailure = "the earliest failed attempt: " + earliestFailure.describe() + "; the first run's failure: "
                            + firstFailure;
                }
                reportFailures(name(), runs, completed, firstFailure);
                return completed;
            }

            @Override
            public void close() {
                detour.close();
            }
        };
    }

    private static Contender langChain(ChatModel model, String name) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int run(int runs, String label) throws InterruptedException {
                AtomicInteger completed = new AtomicInteger();
                AtomicReference<String> firstFailure = new AtomicReference<>();
                List<Thread> threads = new ArrayList<>(runs);
                for (int run = 0; run < runs; run++) {
                    String question = label + " " + run;
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            String text = question;
                            for (int step = 0; step < 4; step++) {
                                text = model.chat(text);
                            }
                            completed.incrementAndGet();
                        } catch (RuntimeException e) {
                            firstFailure.compareAndSet(null, e.toString());
                        }
                    }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                reportFailures(name, runs, completed.get(), firstFailure.get());
                return completed.get();
            }
        };
    }

    private static void reportFailures(String name, int runs, int completed, String firstFailure) {
        if (completed < runs) {
            System.err.println("scale benchmark, " + name + ", " + runs + " runs: " + (runs - completed)
                    + " did not complete; the first: " + firstFailure);
        }
    }

    private static Round measure(Contender contender, int runs, SimulatorChild child) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        threads.resetPeakThreadCount();
        AtomicLong peakHeap = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ClientCpu before = ClientCpu.now();
        Duration serverBefore = child.cpu();
        long start = System.nanoTime();
        int completed = contender.run(runs, "question");
        double wall = (System.nanoTime() - start) / 1e9;
        ClientCpu spent = ClientCpu.now().since(before);
        double server = child.cpu().minus(serverBefore).toMillis() / 1000.0;
        sampler.interrupt();
        sampler.join();
        return new Round(wall, spent.processSeconds(), spent.jitSeconds(), spent.gcSeconds(), spent.jitBeanSeconds(),
                spent.gcBeanSeconds(), server, peakHeap.get(),
                threads.getPeakThreadCount(), completed);
    }

    private static String row(String server, String name, int runs, List<Round> rounds) {
        Spread wall = spread(rounds, Round::wall);
        Spread floor = spread(rounds, Round::floor);
        List<Double> overFloor = rounds.stream().map(round -> round.wall() / round.floor()).toList();
        int worstCompleted = rounds.stream().mapToInt(Round::completed).min().orElse(0);
        return Bench.row(server, name, Bench.count(runs), wall.showSeconds(),
                Bench.ratio(wall.median() / (IDEAL.toMillis() / 1000.0)), floor.showSeconds(),
                new Spread(overFloor).showRatio(), seconds(spread(rounds, Round::clientCpu)),
                seconds(spread(rounds, Round::jit)) + " (" + seconds(spread(rounds, Round::jitBean)) + ")",
                seconds(spread(rounds, Round::gc)) + " (" + seconds(spread(rounds, Round::gcBean)) + ")",
                seconds(spread(rounds, Round::serverCpu)),
                (long) spread(rounds, round -> (double) round.peakHeap()).max() / (1024 * 1024) + " MB",
                (long) spread(rounds, round -> (double) round.peakThreads()).max(),
                worstCompleted + " / " + runs);
    }

    private static Spread spread(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
        return new Spread(rounds.stream().map(round -> figure.applyAsDouble(round)).toList());
    }

    private static String seconds(Spread spread) {
        return String.format(Locale.ROOT, "%.1f s", spread.median());
    }

    private static Step<String, String> ask() {
        return (input, context) -> context.call(ChatRequest.of(ChatMessage.user(input))).text();
    }
}
