package dev.detour.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Temporal's Java test server (in memory, no time skipping) in a JVM of its own, serving gRPC on a loopback port. */
final class TemporalServerChild implements AutoCloseable {

    private final Process process;
    private final int port;

    private TemporalServerChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static TemporalServerChild start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "io.temporal.testserver.TestServer", String.valueOf(port)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        TemporalServerChild child = new TemporalServerChild(process, port);
        child.awaitListening(Duration.ofSeconds(30));
        return child;
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Temporal's test server did not listen on 127.0.0.1:" + port + " within " + timeout);
    }

    /** The frontend's address, {@code 127.0.0.1:port}. */
    String target() {
        return "127.0.0.1:" + port;
    }

    /** CPU time the server process has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
