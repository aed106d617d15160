package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.TelemetryConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code telemetry.propagate}: with it on, each attempt's request carries the W3C trace context of that
 * attempt's CLIENT span, and nothing else of the caller's context; with it off (the default), none.
 */
class TraceContextPropagationTest {

    private static final ModelRef MODEL = ModelRef.of("local", "llama3:8b");
    private static final ChatRequest QUESTION = ChatRequest.of(ChatMessage.user("Why is the sky blue?"));

    private final MockWebServer provider = new MockWebServer();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();
    private final List<Injector> injectors = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        provider.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        injectors.forEach(injector -> injector.getInstance(Providers.class).close());
        sdk.close();
        provider.close();
    }

    @Test
    void withPropagateOnEachAttemptsRequestCarriesTheTraceparentOfItsOwnClientSpan() throws InterruptedException {
        provider.enqueue(FakeProvider.error(500, "{\"error\":{\"message\":\"upstream failed\"}}"));
        provider.enqueue(FakeProvider.completion(MODEL.model(), "Rayleigh scattering.", 12, 8));
        ModelPort chain = chain(true);

        Baggage baggage = Baggage.builder().put("tenant", "acme-internal").build();
        try (Scope ignored = baggage.makeCurrent()) {
            chain.chat(QUESTION);
        }

        List<SpanData> attempts = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertThat(attempts).hasSize(2);
        for (SpanData attempt : attempts) {
            RecordedRequest request = taken();
            assertThat(request.getHeaders().get("traceparent"))
                    .isEqualTo("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
                            + attempt.getSpanContext().getTraceFlags().asHex());
            assertThat(request.getHeaders().names()).doesNotContain("baggage");
        }
        assertThat(attempts.get(0).getSpanId()).isNotEqualTo(attempts.get(1).getSpanId());
        assertThat(attempts.get(0).getTraceId()).isEqualTo(attempts.get(1).getTraceId());
    }

    @Test
    void withPropagateOffTheDefaultNoRequestCarriesATraceContextThoughTheAttemptIsTraced() throws InterruptedException {
        provider.enqueue(FakeProvider.completion(MODEL.model(), "Rayleigh scattering.", 12, 8));
        ModelPort chain = chain(false);

        chain.chat(QUESTION);

        assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getKind() == SpanKind.CLIENT).hasSize(1);
        RecordedRequest request = taken();
        assertThat(request.getHeaders().names()).doesNotContain("traceparent", "tracestate");
    }

    private RecordedRequest taken() throws InterruptedException {
        RecordedRequest request = provider.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the provider").isNotNull();
        return request;
    }

    /** The chain of the real Guice graph over one keyless OpenAI-compatible provider, with the test's SDK bound. */
    private ModelPort chain(boolean propagate) {
        String url = provider.url("/v1").toString();
        ProviderConfig local = new ProviderConfig("local", "openai", URI.create(url), Optional.empty(), false,
                Map.of());
        ResilienceConfig resilience = new ResilienceConfig(Duration.ofSeconds(10), 1,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(2), 0),
                Duration.ofSeconds(5), new ResilienceConfig.CircuitBreakerConfig(3, Duration.ofMinutes(5)),
                Optional.empty());
        DetourConfig config = new DetourConfig(Map.of("local", local), List.of(MODEL), resilience,
                new WorkflowConfig(1, 50_000, 1), "trace context test")
                .withTelemetry(TelemetryConfig.defaults().withPropagate(propagate));
        Module embedder = binder -> binder.bind(OpenTelemetry.class).toInstance(sdk);
        Injector injector = Guice.createInjector(new DetourModule(config, Environment.of(Map.of())), embedder);
        injectors.add(injector);
        return injector.getInstance(ModelPort.class);
    }
}
