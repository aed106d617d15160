package dev.detour.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The benchmark's handle on a {@link SimulatorProcess}: its base URLs and its request counts. */
final class SimulatorChild implements AutoCloseable {

    /** The JDK server closes idle keep-alive connections beyond 200 by default; the scale run keeps 10,000. */
    private static final int MAX_IDLE_CONNECTIONS = 16_000;

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final URI huggingFace;
    private final URI openAi;

    private SimulatorChild(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator process did not start (said: " + ready + ")");
        }
        String[] urls = ready.split(" ");
        this.huggingFace = URI.create(urls[1]);
        this.openAi = URI.create(urls[2]);
    }

    static SimulatorChild start(String scenario) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g",
                "-Dsun.net.httpserver.maxIdleConnections=" + MAX_IDLE_CONNECTIONS,
                "-cp", System.getProperty("java.class.path"),
                SimulatorProcess.class.getName(), scenario))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new SimulatorChild(process);
    }

    URI huggingFace() {
        return huggingFace;
    }

    URI openAi() {
        return openAi;
    }

    /** CPU time the simulator process has used so far. */
    java.time.Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

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
