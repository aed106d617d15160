package dev.detour.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leanest OpenAI-shaped endpoint the JDK offers, as a process of its own: every request gets the same
 * precomputed chat completion after a fixed latency, nothing parsed, nothing recorded. The scale benchmark
 * runs against it beside the simulator, so the simulator's own cost per request (about twice a stub's)
 * stays visible. It prints {@code READY openai=<base url>}, answers {@code errors} as {@link ServerErrors} says
 * and any other line with the requests it has received, and stops at {@code quit}.
 */
public final class LeanStub {

    private static final byte[] ANSWER = ("{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":0,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"A stub's answer.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}}")
            .getBytes(StandardCharsets.UTF_8);

    private static final AtomicLong REQUESTS = new AtomicLong();

    private LeanStub() {}

    public static void main(String[] args) throws Exception {
        long latencyMillis = Long.parseLong(args[0]);
        ServerErrors errors = ServerErrors.watch();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", exchange -> answer(exchange, latencyMillis));
        server.setExecutor(executor);
        server.start();
        System.out.println("READY openai=http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        System.out.flush();
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = commands.readLine()) != null && !line.equals("quit")) {
                System.out.println(line.equals("errors") ? errors.line() : String.valueOf(REQUESTS.get()));
                System.out.flush();
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, long latencyMillis) throws IOException {
        REQUESTS.incrementAndGet();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
