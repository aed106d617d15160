package dev.detour.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code detour serve --demo} in a child JVM on loopback, under many concurrent runs each followed by
 * many event-stream subscribers: checks that every subscriber got every event of its run exactly once
 * and in order, and measures how long an event took from the engine to a subscriber, with the server's
 * peak heap and threads. A warm-up round (of at most {@value #WARM_UP_RUNS} runs), then measured rounds
 * (median with spread).
 */
final class ServeBenchmark {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What one subscriber got. */
    private record Followed(String runId, List<Long> sequences, String lastType, long[] latencyNanos, int measured,
            int searchesSkipped) {}

    /** One round's figures: what its subscribers got, how fast, and what it cost (CPU in seconds). */
    private record Round(long events, long lost, long reordered, int unfinished, long searchesSkipped, Latencies latencies,
            double wallSeconds, long peakThreads, double serverCpu, double clientCpu) {

        double p50() {
            return latencies.percentileMillis(50);
        }

        double p99() {
            return latencies.percentileMillis(99);
        }

        double max() {
            return latencies.percentileMillis(100);
        }
    }

    /** Measured rounds unless {@code -Dserve.rounds} says otherwise: a round of 50 runs takes minutes (see README). */
    private static final int ROUNDS_DEFAULT = 3;
    /** The warm-up round's runs at the most. */
    private static final int WARM_UP_RUNS = 10;

    private ServeBenchmark() {}

    static String run(boolean quick) throws Exception {
        int runs = Integer.getInteger("serve.runs", quick ? 10 : 50);
        int perRun = Integer.getInteger("serve.subscribers-per-run", quick ? 5 : 10);
        return new ServeBenchmark().measure(runs, perRun, Integer.getInteger("serve.rounds", ROUNDS_DEFAULT));
    }

    private String measure(int runs, int subscribersPerRun, int rounds) throws Exception {
        Path config = Files.createTempFile("detour-serve-bench", ".yaml");
        Files.writeString(config, "server: { max-concurrent-runs: " + (runs + 8) + " }\n");
        Path gcLog = Files.createTempFile("detour-serve-bench-gc", ".log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Xlog:gc:file=" + gcLog,
                "-cp", System.getProperty("java.class.path"), "dev.detour.app.cli.Main", "serve", "--demo", "--port", "0",
                "--config", config.toString()).redirectErrorStream(true).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> watch(server, address));
        try {
            URI base = URI.create(address.get(90, TimeUnit.SECONDS));
            round(base, Math.min(runs, WARM_UP_RUNS), subscribersPerRun, server.pid(), "warm-up");
            List<Round> measured = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                measured.add(round(base, runs, subscribersPerRun, server.pid(), "round " + round));
            }
            return report(runs, subscribersPerRun, measured, Sampler.peakHeapMb(gcLog));
        } finally {
            server.toHandle().destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            Files.deleteIfExists(config);
            Files.deleteIfExists(gcLog);
        }
    }

    /** One round: {@code runs} runs started at once, each followed by {@code perRun} subscribers to its end. */
    private Round round(URI base, int runs, int perRun, long serverPid, String label) throws Exception {
        Sampler sampler = new Sampler(serverPid);
        double serverBefore = Sampler.cpuSeconds(serverPid);
        ClientCpu clientBefore = ClientCpu.now();
        Thread sampling = Thread.ofVirtual().start(sampler);
        long startNanos = System.nanoTime();
        List<CompletableFuture<Followed>> subscribers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String id = start(base, "Why do tides happen twice a day? (" + label + ", run " + i + ")");
            ids.add(id);
            for (int k = 0; k < perRun; k++) {
                subscribers.add(follow(base, id, k));
            }
        }
        List<Followed> followed = subscribers.stream().map(CompletableFuture::join).toList();
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        sampler.stop();
        sampling.join();
        double serverCpu = Sampler.cpuSeconds(serverPid) - serverBefore;
        double clientCpu = ClientCpu.now().since(clientBefore).processSeconds();
        long lost = 0;
        long reordered = 0;
        long events = 0;
        int unfinished = 0;
        long searchesSkipped = 0;
        Latencies latencies = new Latencies();
        for (String id : ids) {
            Followed whole = follow(base, id, -1).join();
            List<Long> history = whole.sequences();
            searchesSkipped += whole.searchesSkipped();
            for (Followed one : followed.stream().filter(f -> f.runId().equals(id)).toList()) {
                events += one.sequences().size();
                lost += history.stream().filter(seq -> !one.sequences().contains(seq)).count();
                for (int i = 1; i < one.sequences().size(); i++) {
                    if (one.sequences().get(i) != one.sequences().get(i - 1) + 1) {
                        reordered++;
                    }
                }
                if (!"RunCompleted".equals(one.lastType()) && !"RunFailed".equals(one.lastType())) {
                    unfinished++;
                }
                latencies.addAll(one.latencyNanos(), one.measured());
            }
        }
        return new Round(events, lost, reordered, unfinished, searchesSkipped, latencies, wallSeconds, sampler.peakThreads(),
                serverCpu,
                clientCpu);
    }

    private static String report(int runs, int perRun, List<Round> rounds, long peakHeapMb) {
        StringBuilder table = new StringBuilder()
                .append(Bench.header("runs at once (rounds)", "subscribers", "events delivered per round", "lost",
                        "out of order or twice", "streams without their final event", "searches skipped",
                        "delivery p50", "p99", "max",
                        "wall time", "server peak heap used", "server peak threads", "server CPU", "client CPU"))
                .append(Bench.row(runs + " (" + rounds.size() + ")", runs * perRun,
                        Bench.count((long) Spread.of(rounds, Round::events).median()),
                        rounds.stream().mapToLong(Round::lost).sum(), rounds.stream().mapToLong(Round::reordered).sum(),
                        rounds.stream().mapToInt(Round::unfinished).sum(),
                        rounds.stream().mapToLong(Round::searchesSkipped).sum(),
                        Spread.of(rounds, Round::p50).showMillis(), Spread.of(rounds, Round::p99).showMillis(),
                        Spread.of(rounds, Round::max).showMillis(), Spread.of(rounds, Round::wallSeconds).showSeconds(),
                        peakHeapMb + " MB", rounds.stream().mapToLong(Round::peakThreads).max().orElse(0),
                        Spread.of(rounds, Round::serverCpu).showSeconds(), Spread.of(rounds, Round::clientCpu).showSeconds()));
        table.append("\nDelivery latency: from an event's `at` (stamped by the engine) to its arrival at a subscriber, over ")
                .append(Bench.count(rounds.stream().mapToInt(round -> round.latencies().count()).sum()))
                .append(" live deliveries in all rounds (events replayed to a late subscriber are not counted). Lost, out of"
                        + " order, unfinished and searches skipped (`SearchSkipped`: a source's breaker open or the call"
                        + " deadline reached before its turn) are totals over the rounds; peak heap and threads the highest of the"
                        + " server's life (warm-up included) and of the rounds.\n");
        return table.toString();
    }

    private String start(URI base, String question) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/runs"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("question", question).toString()))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /v1/runs answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    private CompletableFuture<Followed> follow(URI base, String runId, int index) {
        CompletableFuture<Followed> result = new CompletableFuture<>();
        Thread.ofVirtual().name("bench-subscriber-" + runId + "-" + index).start(() -> {
            try {
                result.complete(read(base, runId));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Follows one run's stream over a plain HTTP/1.0 socket (no client library in the way), reading each
     * event's sequence, type and time. The server subscribes before it answers, so an event stamped after
     * the status line arrived was delivered live; earlier ones came as the replay of what was missed.
     */
    private Followed read(URI base, String runId) throws IOException {
        Instant connected;
        List<Long> sequences = new ArrayList<>();
        long[] latencies = new long[1024];
        int measured = 0;
        String lastType = null;
        int searchesSkipped = 0;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(("GET /v1/runs/" + runId + "/events HTTP/1.0\r\nHost: " + base.getAuthority()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            if (status == null || !status.contains(" 200")) {
                throw new IllegalStateException("the event stream of " + runId + " answered " + status);
            }
            connected = Instant.now();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                Instant arrived = Instant.now();
                sequences.add(Long.parseLong(field(line, "\"sequence\":", ",")));
                lastType = field(line, "\"type\":\"", "\"");
                if (lastType.equals("SearchSkipped")) {
                    searchesSkipped++;
                }
                Instant at = Instant.parse(field(line, "\"at\":\"", "\""));
                if (at.isAfter(connected) && measured < latencies.length) {
                    latencies[measured++] = Duration.between(at, arrived).toNanos();
                }
            }
        }
        return new Followed(runId, sequences, lastType, latencies, measured, searchesSkipped);
    }

    private static String field(String line, String before, String after) {
        int from = line.indexOf(before) + before.length();
        return line.substring(from, line.indexOf(after, from));
    }

    private static void watch(Process server, CompletableFuture<String> address) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    address.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            address.completeExceptionally(e);
        }
        address.completeExceptionally(new IllegalStateException("detour serve ended before it listened"));
    }

    /**
     * Samples the server's OS threads ({@code /proc}) until stopped; its peak used heap is read from its GC log
     * (the heap just before each collection), so that sampling costs the server nothing.
     */
    private static final class Sampler implements Runnable {

        private static final Pattern BEFORE_GC = Pattern.compile("(\\d+)M->(\\d+)M");

        private final long pid;
        private final AtomicLong peakThreads = new AtomicLong();
        private volatile boolean stopped;

        Sampler(long pid) {
            this.pid = pid;
        }

        void stop() {
            stopped = true;
        }

        static long peakHeapMb(Path gcLog) {
            try {
                long peak = 0;
                for (String line : Files.readAllLines(gcLog)) {
                    Matcher matcher = BEFORE_GC.matcher(line);
                    if (matcher.find()) {
                        peak = Math.max(peak, Long.parseLong(matcher.group(1)));
                    }
                }
                return peak;
            } catch (IOException e) {
                return -1;
            }
        }

        long peakThreads() {
            return peakThreads.get();
        }

        /** The CPU the process {@code pid} used so far, user and system, from {@code /proc/<pid>/stat} (ticks of 10 ms). */
        static double cpuSeconds(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                        if (line.startsWith("Threads:")) {
                            peakThreads.accumulateAndGet(Long.parseLong(line.substring(8).strip()), Math::max);
                        }
                    }
                    Thread.sleep(100);
                } catch (IOException | RuntimeException e) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
