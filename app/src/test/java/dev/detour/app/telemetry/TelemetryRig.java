package dev.detour.app.telemetry;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.core.model.ModelRef;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Detour as an embedder builds it, pointed at a {@link ProviderSimulator}, with an OpenTelemetry SDK of the
 * test's own bound in Guice: spans go to an in-memory exporter, metrics to an in-memory reader.
 */
final class TelemetryRig implements AutoCloseable {

    static final ModelRef QWEN_72B = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");
    static final ModelRef QWEN_7B = ModelRef.of("hf", "Qwen/Qwen2.5-7B-Instruct");
    static final ModelRef GPT = ModelRef.of("openai", "gpt-4o-mini");
    static final String HF_TOKEN = "hf_FakeTelemetryRigToken";
    static final String OPENAI_KEY = "sk-fake-telemetry-rig-key";

    final ProviderSimulator simulator;
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk;
    final Injector injector;

    private TelemetryRig(Scenario scenario, UnaryOperator<DetourConfig> adjust) {
        simulator = ProviderSimulator.start(scenario);
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        Module embedder = binder -> binder.bind(OpenTelemetry.class).toInstance(sdk);
        injector = Guice.createInjector(new DetourModule(adjust.apply(config(simulator)),
                Environment.of(Map.of("HF_TOKEN", HF_TOKEN, "OPENAI_API_KEY", OPENAI_KEY))), embedder);
    }

    /** A rig playing {@code scenario} over the chain Qwen 72B, Qwen 7B, gpt-4o-mini. */
    static TelemetryRig start(Scenario scenario) {
        return new TelemetryRig(scenario, UnaryOperator.identity());
    }

    /** A rig whose configuration is {@code adjust}ed first. */
    static TelemetryRig start(Scenario scenario, UnaryOperator<DetourConfig> adjust) {
        return new TelemetryRig(scenario, adjust);
    }

    static DetourConfig config(ProviderSimulator simulator) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("hf", new ProviderConfig("hf", "huggingface", simulator.huggingFaceBaseUrl(),
                Optional.of("HF_TOKEN"), false, Map.of()));
        providers.put("openai", new ProviderConfig("openai", "openai", simulator.openAiBaseUrl(),
                Optional.of("OPENAI_API_KEY"), false, Map.of()));
        ResilienceConfig resilience = new ResilienceConfig(Duration.ofSeconds(10), 2,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(2), 0),
                Duration.ofSeconds(5), new ResilienceConfig.CircuitBreakerConfig(3, Duration.ofMinutes(5)),
                Optional.empty());
        return new DetourConfig(providers, List.of(QWEN_72B, QWEN_7B, GPT), resilience,
                new WorkflowConfig(1, 50_000, 2), "telemetry rig: simulator scenario");
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    List<SpanData> finishedSpans() {
        return spans.getFinishedSpanItems();
    }

    @Override
    public void close() {
        try {
            injector.getInstance(Providers.class).close();
            sdk.close();
        } finally {
            simulator.close();
        }
    }
}
