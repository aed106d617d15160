package dev.detour.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The benchmark's handle on a {@link SimulatorProcess}: its base URLs and its request counts. */
final class SimulatorChild implements AutoCloseable {

    /**
     * The JDK server closes a connection that goes idle while this many are idle (200 by default) and says
     * nothing: a client that reuses it at once reads "unexpected end of stream". No cap, so only a client closes.
     */
    private static final int MAX_IDLE_CONNECTIONS = Integer.MAX_VALUE;

    /** Seconds a connection may stay idle before the server closes it: longer than OkHttp keeps one (5 min). */
    private static final int IDLE_SECONDS = 600;

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Map<String, URI> baseUrls = new HashMap<>();

    private SimulatorChild(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator process did not start (said: " + ready + ")");
        }
        for (String pair : ready.substring("READY ".length()).split(" ")) {
            int equals = pair.indexOf('=');
            baseUrls.put(pair.substring(0, equals), URI.create(pair.substring(equals + 1)));
        }
    }

    /** The simulator playing the benchmark scenario {@code scenario} of {@link SimulatorProcess}. */
    static SimulatorChild start(String scenario) throws IOException {
        return start(SimulatorProcess.class, scenario);
    }

    /** A lean stub answering every call after {@code latency}, for the scale benchmark: see {@link LeanStub}. */
    static SimulatorChild stub(java.time.Duration latency) throws IOException {
        return start(LeanStub.class, String.valueOf(latency.toMillis()));
    }

    private static SimulatorChild start(Class<?> main, String argument) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g",
                "-Dsun.net.httpserver.maxIdleConnections=" + MAX_IDLE_CONNECTIONS,
                "-Dsun.net.httpserver.idleInterval=" + IDLE_SECONDS,
                "-cp", System.getProperty("java.class.path"),
                main.getName(), argument))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new SimulatorChild(process);
    }

    URI huggingFace() {
        return baseUrl("hf");
    }

    URI openAi() {
        return baseUrl("openai");
    }

    URI anthropic() {
        return baseUrl("anthropic");
    }

    boolean serves(String name) {
        return baseUrls.containsKey(name);
    }

    /** The base URL the child printed for {@code name}: hf, openai, anthropic, pubmed, europepmc or clinicaltrials. */
    URI baseUrl(String name) {
        URI url = baseUrls.get(name);
        if (url == null) {
            throw new IllegalStateException("this child serves no " + name + "; it serves " + baseUrls.keySet());
        }
        return url;
    }

    /** CPU time the simulator process has used so far. */
    java.time.Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** Files the child process has open (its connections among them), or -1 where {@code /proc} is missing. */
    long openFiles() {
        return Machine.openFiles(process.pid());
    }

    /** The server errors the child has counted so far: see {@link ServerErrors}. */
    Errors errors() throws IOException {
        in.println("errors");
        String[] answer = out.readLine().split("\t", 2);
        return new Errors(Long.parseLong(answer[0].strip()), answer.length > 1 ? answer[1] : "");
    }

    /** How many errors the child's server logged, and the first. */
    record Errors(long count, String first) {}

    long count(String model) throws IOException {
        in.println("count " + model);
        return Long.parseLong(out.readLine().strip());
    }

    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
