package dev.detour.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelPort;
import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One successful call, simulator answering at once, at two concurrencies: a raw JDK {@code HttpClient} POST
 * plus JSON parse (the baseline), Detour's full chain (Guice-built, Failsafe, adapter, Jackson) with telemetry
 * off and on (an OpenTelemetry SDK with in-memory exporter and reader), LangChain4j's {@code OpenAiChatModel}
 * (its default client, and pinned to HTTP/1.1), and the same for a Claude model through the anthropic adapter
 * against its own raw baseline on the simulator's Messages surface. All variants are interleaved ({@link Rounds}).
 */
final class OverheadBenchmark {

    private static final String PROMPT = "Why do tides happen twice a day?";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String RAW = "raw JDK HttpClient, OpenAI shape (baseline)";
    static final String DETOUR = "Detour chain, telemetry off";
    static final String TRACED = "Detour chain, telemetry on (in-memory exporter)";
    static final String LC4J = "LangChain4j OpenAiChatModel, default client (offers h2c)";
    static final String LC4J_H1 = "LangChain4j OpenAiChatModel, pinned to HTTP/1.1";
    static final String RAW_CLAUDE = "raw JDK HttpClient, Messages shape (Claude baseline)";
    static final String CLAUDE = "Detour chain → Claude (anthropic adapter)";

    private OverheadBenchmark() {}

    static String run(boolean quick) throws Exception {
        StringBuilder table = new StringBuilder()
                .append(Bench.header("concurrency", "variant", "calls measured", "p50", "p50 ratio", "p99", "p99 ratio",
                        "client CPU per call"));
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (SimulatorChild simulator = SimulatorChild.start("instant");
                OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(spans)
                                .setScheduleDelay(Duration.ofMillis(200)).setMaxQueueSize(1 << 16).build()).build())
                        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
                        .build();
                Detours detour = Detours.over(simulator, List.of(SimulatorProcess.OPENAI, Detours.CLAUDE), 256,
                        Duration.ofSeconds(30));
                Detours claude = Detours.over(simulator, List.of(Detours.CLAUDE), 256, Duration.ofSeconds(30));
                Detours traced = Detours.traced(simulator, List.of(SimulatorProcess.OPENAI), 256, sdk);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            ChatRequest request = ChatRequest.of(ChatMessage.user(PROMPT));
            ModelPort chain = detour.get(ModelPort.class);
            ModelPort claudeChain = claude.get(ModelPort.class);
            ModelPort tracedChain = traced.get(ModelPort.class);
            ChatModel langChain = LangChain4j.openAi(simulator.openAi(), "gpt-4o-mini", LangChain4j.DEFAULT_RETRIES, false);
            ChatModel langChainHttp11 = LangChain4j.openAi(simulator.openAi(), "gpt-4o-mini", LangChain4j.DEFAULT_RETRIES, true);
            Callable<String> raw = rawOpenAi(client, URI.create(simulator.openAi() + "/chat/completions"));
            Callable<String> rawClaude = rawMessages(client, URI.create(simulator.anthropic() + "/v1/messages"));
            Rounds.Counter exported = exportedAndDropped(sdk, spans);
            for (int concurrency : concurrencies()) {
                int calls = quick ? 20 : (concurrency == 1 ? 1000 : 60);
                List<Rounds.Variant> variants = chosen(List.of(
                        new Keyed("raw", new Rounds.Variant(RAW, concurrency, calls, raw)),
                        new Keyed("detour", new Rounds.Variant(DETOUR, concurrency, calls, () -> chain.chat(request).text())),
                        new Keyed("traced", new Rounds.Variant(TRACED, concurrency, calls, () -> tracedChain.chat(request).text(), exported)),
                        new Keyed("lc4j", new Rounds.Variant(LC4J, concurrency, calls, () -> langChain.chat(PROMPT))),
                        new Keyed("lc4j-http11", new Rounds.Variant(LC4J_H1, concurrency, calls, () -> langChainHttp11.chat(PROMPT))),
                        new Keyed("raw-claude", new Rounds.Variant(RAW_CLAUDE, concurrency, calls, rawClaude)),
                        new Keyed("claude", new Rounds.Variant(CLAUDE, concurrency, calls, () -> claudeChain.chat(request).text()))));
                Map<String, Rounds.Measured> measured = Rounds.interleaved(variants);
                for (Rounds.Variant variant : variants) {
                    String baseline = variant.name().equals(CLAUDE) || variant.name().equals(RAW_CLAUDE) ? RAW_CLAUDE : RAW;
                    table.append(row(concurrency, variant.name(), measured.get(variant.name()), measured.get(baseline)));
                }
                Rounds.Measured off = measured.get(DETOUR);
                Rounds.Measured on = measured.get(TRACED);
                if (off == null || on == null) {
                    continue;
                }
                table.append(Bench.row(concurrency, "**telemetry on ÷ off**", "", "", on.p50().over(off.p50()).showRatio(), "",
                        on.p99().over(off.p99()).showRatio(), Bench.count(on.counted()) + " spans exported while measured; "
                                + kilobytes(on.bytesPerCall().median()) + " against " + kilobytes(off.bytesPerCall().median())
                                + " KB allocated per call; of the CPU per call, the JIT's " + micros(on.jitPerCall())
                                + " against " + micros(off.jitPerCall()) + " µs"));
            }
        }
        return table.toString();
    }

    /**
     * The spans exported so far, counted as the traced variant's rounds begin and end (outside their measured time):
     * flushes the batch processor and drops what the in-memory exporter holds, so that no round carries the spans of
     * the rounds before it, as an exporter that sends its batches keeps none of them either.
     */
    private static Rounds.Counter exportedAndDropped(OpenTelemetrySdk sdk, InMemorySpanExporter spans) {
        AtomicLong total = new AtomicLong();
        return () -> {
            sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            long now = total.addAndGet(spans.getFinishedSpanItems().size());
            spans.reset();
            return now;
        };
    }

    /** A variant with the key {@code -Doverhead.variants} chooses it by. */
    private record Keyed(String key, Rounds.Variant variant) {}

    /** The variants {@code -Doverhead.variants} names (all by default), in the table's order. */
    private static List<Rounds.Variant> chosen(List<Keyed> all) {
        String only = System.getProperty("overhead.variants");
        if (only == null) {
            return all.stream().map(Keyed::variant).toList();
        }
        List<String> keys = Arrays.stream(only.split(",")).map(String::strip).toList();
        List<Rounds.Variant> chosen = all.stream().filter(keyed -> keys.contains(keyed.key())).map(Keyed::variant).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("-Doverhead.variants=" + only + " names no variant: use some of "
                    + all.stream().map(Keyed::key).toList());
        }
        return chosen;
    }

    /** The concurrencies {@code -Doverhead.concurrency} names (1 and 64 by default). */
    private static int[] concurrencies() {
        return Arrays.stream(System.getProperty("overhead.concurrency", "1,64").split(","))
                .mapToInt(value -> Integer.parseInt(value.strip())).toArray();
    }

    private static String row(int concurrency, String name, Rounds.Measured measured, Rounds.Measured baseline) {
        return Bench.row(concurrency, name, Bench.count(measured.calls()), measured.p50().showMillis(),
                baseline == null ? "–" : measured.p50().over(baseline.p50()).showRatio(), measured.p99().showMillis(),
                baseline == null ? "–" : measured.p99().over(baseline.p99()).showRatio(), micros(measured.cpuPerCall()) + " µs");
    }

    private static String micros(Spread perCall) {
        return perCall.show(value -> String.format(Locale.ROOT, "%.0f", value));
    }

    private static String kilobytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024);
    }

    private static Callable<String> rawOpenAi(HttpClient client, URI endpoint) {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return () -> read(client, request).path("choices").path(0).path("message").path("content").asText();
    }

    private static Callable<String> rawMessages(HttpClient client, URI endpoint) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return () -> read(client, request).path("content").path(0).path("text").asText();
    }

    private static JsonNode read(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("raw call to " + request.uri() + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
