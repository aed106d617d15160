package dev.detour.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One successful call through the full chain (Guice-built, Failsafe, adapter, Jackson) against a raw
 * JDK {@code HttpClient} POST plus JSON parse to the same simulator endpoint, at two concurrencies.
 */
final class OverheadBenchmark {

    private static final String PROMPT = "Why do tides happen twice a day?";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OverheadBenchmark() {}

    static String run(boolean quick) throws Exception {
        StringBuilder table = new StringBuilder()
                .append("| concurrency | calls per variant | raw p50 | Detour p50 | p50 ratio | raw p99 | Detour p99 | p99 ratio |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        try (SimulatorChild simulator = SimulatorChild.start("instant");
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI), 256, Duration.ofSeconds(30))) {
            ModelPort chain = detour.get(ModelPort.class);
            ChatRequest request = ChatRequest.of(ChatMessage.user(PROMPT));
            Callable<String> viaDetour = () -> chain.chat(request).text();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Callable<String> raw = rawCall(client, URI.create(simulator.openAi() + "/chat/completions"));
            for (int concurrency : new int[] {1, 64}) {
                int calls = quick ? 50 : (concurrency == 1 ? 3000 : 150);
                Load.run(concurrency, calls, raw, null);
                Load.run(concurrency, calls, viaDetour, null);
                Latencies baseline = new Latencies();
                Latencies measured = new Latencies();
                for (int round = 0; round < 3; round++) {
                    Load.run(concurrency, calls, raw, baseline);
                    Load.run(concurrency, calls, viaDetour, measured);
                }
                table.append(Bench.row(concurrency, baseline.count(),
                        Bench.millis(baseline.percentileMillis(50)), Bench.millis(measured.percentileMillis(50)),
                        Bench.ratio(measured.percentileMillis(50) / baseline.percentileMillis(50)),
                        Bench.millis(baseline.percentileMillis(99)), Bench.millis(measured.percentileMillis(99)),
                        Bench.ratio(measured.percentileMillis(99) / baseline.percentileMillis(99))));
            }
            client.close();
        }
        return table.toString();
    }

    private static Callable<String> rawCall(HttpClient client, URI endpoint) {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return () -> {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("raw call answered HTTP " + response.statusCode());
            }
            JsonNode answer = JSON.readTree(response.body());
            return answer.path("choices").path(0).path("message").path("content").asText();
        };
    }
}
