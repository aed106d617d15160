package dev.detour.benchmarks;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.workflow.RunHandle;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.Step;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.transport.Credential;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.ResponseReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * N research-shaped runs at once (four sequential model calls each, 200 ms per call), against the simulator
 * and against the lean stub: Detour's engine, and LangChain4j's {@code OpenAiChatModel} (pinned to HTTP/1.1,
 * and on its default client) called four times from a virtual thread per run, and on request Detour's transport
 * alone (four exchanges per run, no engine, chain or adapter: the floor of the engine's cost). The variants
 * take turns for {@value #ROUNDS_DEFAULT} rounds (rotated order); each turn builds the variant's client afresh,
 * warms it up with a round of the same N, measures a round, and closes the client, and the next turn starts only once
 * every connection of it is closed on both sides, so that no variant runs beside another's open connections.
 * In the first round each turn ends with a round that measures the live heap per run in flight. A measured
 * round reports wall time, the CPU floor (client plus server CPU over the cores: no client could finish
 * faster on this machine), client CPU with the JIT's and the collectors' share (their threads' CPU, and in
 * brackets the management beans' compilation and collection times, and the median round's full collections),
 * server CPU, peak heap, open files and peak platform threads. A lost run or a server error is reported as
 * invalid.
 */
final class ScaleBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(200);
    private static final Duration IDEAL = LATENCY.multipliedBy(4);
    private static final int ROUNDS_DEFAULT = 3;
    private static final String MODEL_NAME = "gpt-4o-mini";
    private static final String MODEL = "openai:" + MODEL_NAME;

    /** Open files kept free of connections in the client and the server for their own jars, pipes and selectors. */
    private static final long FILE_HEADROOM = 2_000;

    /** Open files beyond a process's idle count that still count as "every connection closed". */
    private static final long FILE_SLACK = 64;

    private static final Duration DRAIN_WAIT = Duration.ofSeconds(60);

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ScaleBenchmark() {}

    /** One way of running N research-shaped runs at once; closing it closes its connections. */
    private interface Contender extends AutoCloseable {

        /**
         * Runs {@code runs} at once and waits for them; returns how many completed, and the first failure.
         * Once all are started it tells {@code probe}, with the count of runs still in flight.
         */
        Outcome run(int runs, String label, Probe probe) throws Exception;

        @Override
        void close();
    }

    /** Told by a contender when all its runs of a round are started. */
    @FunctionalInterface
    private interface Probe {
        Probe NONE = inFlight -> {};

        void allStarted(IntSupplier inFlight) throws IOException, InterruptedException;
    }

    /**
     * A variant of the table: its key for {@code -Dscale.variants}, its name, whether it holds no more connections
     * than Detour's call slots (else it is left out where the runs exceed the open-file limit), and how to build it
     * for a turn.
     */
    private record Variant(String key, String name, boolean boundedConnections, Supplier<Contender> build) {}

    /**
     * The live heap with a round's runs in flight, in a round of its own after the measured one (its full
     * collections stop every run for a while, which under load can push calls past their deadline): a full
     * collection before the round (client built, no run) and one once the server has received as many requests
     * as there are runs (or after {@link #WAIT}), so that the runs are measured with their calls out, not just
     * started. It notes the open files of client and server at that moment too.
     */
    private static final class LiveHeap implements Probe {

        private static final Duration WAIT = Duration.ofSeconds(60);

        private final SimulatorChild server;
        private final int runs;
        private final String label;
        private long requestsBefore;
        private long idle = -1;
        private long live = -1;
        private int inFlight;
        private long clientFiles = -1;
        private long serverFiles = -1;

        LiveHeap(SimulatorChild server, int runs, String label) {
            this.server = server;
            this.runs = runs;
            this.label = label;
        }

        /** Takes the idle heap and the server's request count, just before the round. */
        void before() throws IOException {
            idle = heapAfterFullGc();
            requestsBefore = server.count(MODEL);
        }

        @Override
        public void allStarted(IntSupplier runsInFlight) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (server.count(MODEL) - requestsBefore < runs && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            clientFiles = Machine.openFiles(ProcessHandle.current().pid());
            serverFiles = server.openFiles();
            inFlight = runsInFlight.getAsInt();
            live = heapAfterFullGc();
            HeapDiagnostics.write(label);
        }

        double bytesPerRun() {
            return inFlight == 0 ? Double.NaN : (double) (live - idle) / inFlight;
        }
    }

    /** One round's figures, with the live heap its warm-up measured and the open files around it. */
    private record Round(double wall, double clientCpu, double jit, double gc, double jitBean, double gcBean,
            long fullCollections, double serverCpu, long peakHeap, int peakThreads, int completed, LiveHeap liveHeap,
            long clientFilesAtStart, long serverFilesAtStart, long clientFilesAfter, long serverFilesAfter) {

        double floor() {
            return Machine.floorSeconds(clientCpu + serverCpu);
        }
    }

    static String run(boolean quick) throws Exception {
        int[] sizes = sizes(quick);
        int rounds = Integer.getInteger("scale.rounds", quick ? 1 : ROUNDS_DEFAULT);
        StringBuilder table = new StringBuilder()
                .append(Bench.header("server", "variant", "runs at once", "wall time", "vs ideal (0.8 s)", "CPU floor",
                        "wall ÷ floor", "client CPU", "of it JIT threads (compile time)",
                        "of it GC threads (collection time; full collections in the median round)", "server CPU",
                        "peak heap used", "live heap per run in flight",
                        "open files client / server: at start, all started, after", "peak platform threads", "completed"));
        List<String> notes = new ArrayList<>();
        Workflow<String, String> researchShaped = Workflow.step("plan", ask())
                .then("investigate", ask()).then("judge", ask()).then("synthesize", ask()).named("research-shaped");
        for (String server : servers()) {
            try (SimulatorChild child = server.equals("simulator") ? SimulatorChild.start("slow-200ms")
                    : SimulatorChild.stub(LATENCY)) {
                long clientIdleFiles = Machine.openFiles(ProcessHandle.current().pid());
                long serverIdleFiles = child.openFiles();
                for (int runs : sizes) {
                    List<Variant> variants = variants(child, runs, researchShaped, notes);
                    List<List<Round>> measured = new ArrayList<>();
                    variants.forEach(variant -> measured.add(new ArrayList<>()));
                    for (int round = 0; round < rounds; round++) {
                        for (int turn = 0; turn < variants.size(); turn++) {
                            int index = (round + turn) % variants.size();
                            Variant variant = variants.get(index);
                            drain(child, clientIdleFiles, serverIdleFiles, variant.name());
                            measured.get(index).add(turn(variant, runs, child, server, round == 0));
                        }
                    }
                    for (int i = 0; i < variants.size(); i++) {
                        table.append(row(server, variants.get(i).name(), runs, measured.get(i)));
                    }
                }
            }
        }
        notes.forEach(note -> table.append("\n- ").append(note));
        return table.append(notes.isEmpty() ? "" : "\n").toString();
    }

    /**
     * One variant's turn: a fresh client, a warm-up round of the same N, a measured round, and if
     * {@code measureHeap} a round measuring the live heap per run in flight.
     */
    private static Round turn(Variant variant, int runs, SimulatorChild child, String server, boolean measureHeap)
            throws Exception {
        long clientFiles = Machine.openFiles(ProcessHandle.current().pid());
        long serverFiles = child.openFiles();
        SimulatorChild.Errors errorsBefore = child.errors();
        try (Contender contender = variant.build().get()) {
            reportLost(variant.name(), server, runs, "warm-up", contender.run(runs, "warm-up", Probe.NONE));
            LiveHeap liveHeap = measureHeap ? new LiveHeap(child, runs, server + "-" + variant.key() + "-" + runs) : null;
            Round round = measure(contender, variant.name(), server, runs, child, liveHeap, clientFiles, serverFiles);
            if (liveHeap != null) {
                liveHeap.before();
                reportLost(variant.name(), server, runs, "live-heap", contender.run(runs, "heap", liveHeap));
            }
            SimulatorChild.Errors errors = child.errors();
            if (errors.count() > errorsBefore.count()) {
                Bench.invalid("the " + server + " logged " + (errors.count() - errorsBefore.count())
                        + " failures to accept or dispatch a connection during " + variant.name() + "'s turn at "
                        + Bench.count(runs) + " runs (its first since it started: " + errors.first() + ")");
            }
            return round;
        }
    }

    /** Waits until the previous turn's connections are closed in the client and in the server. */
    private static void drain(SimulatorChild child, long clientIdle, long serverIdle, String next) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        long client = Machine.openFiles(ProcessHandle.current().pid());
        long server = child.openFiles();
        while ((client > clientIdle + FILE_SLACK || server > serverIdle + FILE_SLACK) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            client = Machine.openFiles(ProcessHandle.current().pid());
            server = child.openFiles();
        }
        if (client > clientIdle + FILE_SLACK || server > serverIdle + FILE_SLACK) {
            Bench.invalid(next + "'s turn began with the previous turn's connections still open after "
                    + DRAIN_WAIT.toSeconds() + " s: " + client + " open files in the client (" + clientIdle
                    + " idle), " + server + " in the server (" + serverIdle + " idle)");
        }
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

    /** The chosen variants; a variant this machine cannot run at {@code runs} is left out with a note saying why. */
    private static List<Variant> variants(SimulatorChild child, int runs, Workflow<String, String> workflow,
            List<String> notes) {
        long limit = Machine.openFileLimit();
        long connections = limit > 0 ? limit - FILE_HEADROOM : Integer.MAX_VALUE;
        int maxConcurrentCalls = Integer.getInteger("detour.bench.maxConcurrentCalls",
                (int) Math.min(Math.max(64, runs), connections));
        if (maxConcurrentCalls < runs) {
            notes.add("At " + Bench.count(runs) + " runs Detour allows " + Bench.count(maxConcurrentCalls)
                    + " calls in flight (`max-concurrent-calls`), one connection each, as the open-file limit of "
                    + Bench.count(limit) + " (`ulimit -n`, client and server alike) leaves room for no more; the"
                    + " other runs' calls wait for a free call slot, first come first served, within their deadline.");
        }
        List<Variant> all = List.of(
                new Variant("detour", "Detour engine", true, () -> detour(child, maxConcurrentCalls, workflow)),
                new Variant("transport", "Detour's transport alone: no engine, chain or adapter (floor)", true,
                        () -> transportAlone(child, maxConcurrentCalls)),
                new Variant("lc4j-http11", "LangChain4j, pinned to HTTP/1.1", false, () -> langChain(
                        LangChain4j.client(child.openAi(), MODEL_NAME, LangChain4j.DEFAULT_RETRIES, true))),
                new Variant("lc4j", "LangChain4j, default client (offers h2c)", false, () -> langChain(
                        LangChain4j.client(child.openAi(), MODEL_NAME, LangChain4j.DEFAULT_RETRIES, false))));
        List<String> only = List.of(System.getProperty("scale.variants", "detour,lc4j-http11,lc4j").split(","));
        List<Variant> chosen = new ArrayList<>();
        for (Variant variant : all) {
            if (!only.contains(variant.key())) {
                continue;
            }
            if (!variant.boundedConnections() && runs > connections) {
                notes.add(variant.name() + " was not run at " + Bench.count(runs) + " runs: its JDK client opens a"
                        + " connection for every call in flight and has no limit of its own, and " + Bench.count(runs)
                        + " connections exceed the open-file limit of " + Bench.count(limit) + " (`ulimit -n`).");
                continue;
            }
            chosen.add(variant);
        }
        return chosen;
    }

    private static Contender detour(SimulatorChild child, int maxConcurrentCalls, Workflow<String, String> workflow) {
        Detours detour = Detours.over(child, List.of(MODEL), maxConcurrentCalls, Duration.ofSeconds(30));
        WorkflowEngine engine = detour.get(WorkflowEngine.class);
        return new Contender() {
            @Override
            public Outcome run(int runs, String label, Probe probe) throws IOException, InterruptedException {
                List<RunHandle<String>> handles = new ArrayList<>(runs);
                for (int run = 0; run < runs; run++) {
                    handles.add(engine.start(workflow, label + " " + run, RunOptions.defaults()));
                }
                probe.allStarted(() -> (int) handles.stream().filter(handle -> !handle.isDone()).count());
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
                return new Outcome(completed, firstFailure);
            }

            @Override
            public void close() {
                detour.close();
            }
        };
    }

    private static Contender langChain(LangChain4j.Client client) {
        return new Contender() {
            @Override
            public Outcome run(int runs, String label, Probe probe) throws IOException, InterruptedException {
                return threadPerRun(runs, label, probe, question -> {
                    String text = question;
                    for (int step = 0; step < 4; step++) {
                        text = client.model().chat(text);
                    }
                });
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /**
     * Detour's transport alone, as the OpenAI adapter's provider builds it: four exchanges per run, each within
     * the chain's attempt deadline, with no engine, chain or adapter around them (the answer is taken as text,
     * not parsed). The floor of what Detour's engine can cost per call on this client.
     */
    private static Contender transportAlone(SimulatorChild child, int maxConcurrentCalls) {
        HttpLimits limits = new HttpLimits(HttpLimits.MODEL_CALLS.connectTimeout(), HttpLimits.MODEL_CALLS.readTimeout(),
                HttpLimits.MODEL_CALLS.callTimeout(), HttpLimits.MODEL_CALLS.maxResponseBytes(), maxConcurrentCalls);
        HttpTransport transport = HttpTransport.create("openai", child.openAi(), limits, Credential.none());
        HttpUrl url = transport.baseUrl().resolve("chat/completions");
        MediaType json = MediaType.get("application/json");
        ResponseReader<String> reader = ResponseReader.of(
                (head, body) -> new IllegalStateException("HTTP " + head.status() + " from the server"),
                (head, body) -> new String(body, StandardCharsets.UTF_8),
                head -> {
                    throw new IllegalStateException("an event stream from the server, which was asked for none");
                },
                failure -> new IllegalStateException(failure.detail()));
        return new Contender() {
            @Override
            public Outcome run(int runs, String label, Probe probe) throws IOException, InterruptedException {
                return threadPerRun(runs, label, probe, question -> {
                    byte[] body = ("{\"model\":\"" + MODEL_NAME + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                            + question + "\"}]}").getBytes(StandardCharsets.UTF_8);
                    for (int step = 0; step < 4; step++) {
                        Request request = new Request.Builder().url(url).post(RequestBody.create(body, json)).build();
                        transport.exchange(MODEL, request, Optional.of(Instant.now().plus(Detours.ATTEMPT_TIMEOUT)), reader);
                    }
                });
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    /** What one run of a thread-per-run contender does with its question. */
    private interface RunBody {
        void run(String question) throws Exception;
    }

    /** {@code runs} virtual threads at once, one per run, each doing {@code body}; waits for them all. */
    private static Outcome threadPerRun(int runs, String label, Probe probe, RunBody body)
            throws IOException, InterruptedException {
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(runs);
        for (int run = 0; run < runs; run++) {
            String question = label + " " + run;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    body.run(question);
                    completed.incrementAndGet();
                } catch (Exception e) {
                    firstFailure.compareAndSet(null, e.toString());
                } finally {
                    finished.incrementAndGet();
                }
            }));
        }
        probe.allStarted(() -> runs - finished.get());
        for (Thread thread : threads) {
            thread.join();
        }
        return new Outcome(completed.get(), firstFailure.get());
    }

    /** How many runs of a round completed, and the first failure if any did not. */
    private record Outcome(int completed, String firstFailure) {}

    private static int reportLost(String name, String server, int runs, String label, Outcome outcome) {
        if (outcome.completed() < runs) {
            Bench.invalid("LOST RUNS: " + name + " on the " + server + ", " + label + " round of " + Bench.count(runs)
                    + ": " + Bench.count(runs - outcome.completed()) + " did not complete; the first: "
                    + outcome.firstFailure());
        }
        return outcome.completed();
    }

    private static long heapAfterFullGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static Round measure(Contender contender, String name, String server, int runs, SimulatorChild child,
            LiveHeap liveHeap, long clientFilesAtStart, long serverFilesAtStart) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.gc();
        threads.resetPeakThreadCount();
        AtomicLong peakHeap = new AtomicLong(MEMORY.getHeapMemoryUsage().getUsed());
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
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
        int completed = reportLost(name, server, runs, "measured", contender.run(runs, "question", Probe.NONE));
        double wall = (System.nanoTime() - start) / 1e9;
        ClientCpu spent = ClientCpu.now().since(before);
        double serverCpu = child.cpu().minus(serverBefore).toMillis() / 1000.0;
        sampler.interrupt();
        sampler.join();
        return new Round(wall, spent.processSeconds(), spent.jitSeconds(), spent.gcSeconds(), spent.jitBeanSeconds(),
                spent.gcBeanSeconds(), spent.fullCollections(), serverCpu, peakHeap.get(), threads.getPeakThreadCount(),
                completed, liveHeap, clientFilesAtStart, serverFilesAtStart, Machine.openFiles(ProcessHandle.current().pid()),
                child.openFiles());
    }

    private static String row(String server, String name, int runs, List<Round> rounds) {
        Spread wall = spread(rounds, Round::wall);
        Spread floor = spread(rounds, Round::floor);
        List<Double> overFloor = rounds.stream().map(round -> round.wall() / round.floor()).toList();
        int worstCompleted = rounds.stream().mapToInt(Round::completed).min().orElse(0);
        Round median = rounds.stream().sorted(Comparator.comparingDouble(Round::wall)).toList()
                .get(rounds.size() / 2);
        LiveHeap heap = rounds.stream().map(Round::liveHeap).filter(Objects::nonNull).findFirst().orElseThrow();
        return Bench.row(server, name, Bench.count(runs), wall.showSeconds(),
                Bench.ratio(wall.median() / (IDEAL.toMillis() / 1000.0)), floor.showSeconds(),
                new Spread(overFloor).showRatio(), seconds(spread(rounds, Round::clientCpu)),
                seconds(spread(rounds, Round::jit)) + " (" + seconds(spread(rounds, Round::jitBean)) + ")",
                seconds(spread(rounds, Round::gc)) + " (" + seconds(spread(rounds, Round::gcBean)) + "; "
                        + median.fullCollections() + " full)",
                seconds(spread(rounds, Round::serverCpu)),
                (long) spread(rounds, round -> (double) round.peakHeap()).max() / (1024 * 1024) + " MB",
                String.format(Locale.ROOT, "%.1f KB", heap.bytesPerRun() / 1024) + " (" + Bench.count(heap.inFlight)
                        + " runs in flight: " + heap.live / (1024 * 1024) + " MB live, " + heap.idle / (1024 * 1024)
                        + " MB idle)",
                median.clientFilesAtStart() + " / " + median.serverFilesAtStart() + ", "
                        + heap.clientFiles + " / " + heap.serverFiles + ", "
                        + median.clientFilesAfter() + " / " + median.serverFilesAfter(),
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
