package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The incident Detour was built for, as an operator's tracing backend sees it: one research run, hf-outage. */
class IncidentTraceTest {

    private static final String QUESTION = "Why do tides happen twice a day?";

    private static TelemetryRig rig;
    private static ResearchRun run;
    private static SpanData embedderSpan;
    private static List<SpanData> spans;
    private static Collection<MetricData> metrics;

    @BeforeAll
    static void researchDuringTheOutage() {
        rig = TelemetryRig.start(Scenario.builtIn("hf-outage"));
        Span request = rig.sdk.getTracer("embedder").spanBuilder("embedder request").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            run = rig.get(ResearchRunner.class).run(QUESTION);
        } finally {
            request.end();
        }
        spans = rig.finishedSpans();
        embedderSpan = SpanTree.only(spans, "embedder request");
        metrics = rig.metrics.collectAllMetrics();
    }

    @AfterAll
    static void close() {
        rig.close();
    }

    @Test
    void theRunIsAChildOfTheEmbeddersSpanAndEveryStepOfTheRun() {
        SpanData runSpan = SpanTree.only(spans, "detour.run research");
        assertThat(runSpan.getParentSpanId()).isEqualTo(embedderSpan.getSpanId());
        assertThat(runSpan.getTraceId()).isEqualTo(embedderSpan.getTraceId());
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("detour.run_id"))).isEqualTo(run.result().record().runId());
        List<SpanData> steps = spans.stream().filter(span -> span.getName().startsWith("detour.step ")).toList();
        assertThat(steps).extracting(SpanData::getName)
                .contains("detour.step plan", "detour.step investigate[0]/answer", "detour.step synthesize");
        assertThat(steps).allSatisfy(step -> assertThat(step.getParentSpanId()).isEqualTo(runSpan.getSpanId()));
    }

    @Test
    void thePlanStepsChainCallShowsThreeFailedAttemptsOnNovitaAndTheFallbackThatRescuedIt() {
        SpanData plan = SpanTree.only(spans, "detour.step plan");
        SpanData chain = childrenOf(plan).stream().filter(span -> span.getName().equals("detour.chain")).findFirst().orElseThrow();
        assertThat(chain.getAttributes().get(AttributeKey.stringKey("detour.served_by"))).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct");
        assertThat(chain.getAttributes().get(AttributeKey.stringArrayKey("detour.fallback_from")))
                .containsExactly("hf:Qwen/Qwen2.5-72B-Instruct");
        assertThat(chain.getAttributes().get(AttributeKey.longKey("detour.attempts"))).isEqualTo(4);

        List<SpanData> attempts = childrenOf(chain);
        assertThat(attempts).hasSize(4).allSatisfy(attempt -> {
            assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("huggingface");
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        });
        List<SpanData> failed = attempts.subList(0, 3);
        assertThat(failed).allSatisfy(attempt -> {
            assertThat(attempt.getName()).isEqualTo("chat Qwen/Qwen2.5-72B-Instruct");
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("ProviderUnavailable");
            assertThat(attempt.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500);
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("detour.inference_provider"))).isEqualTo("novita");
            assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        });
        SpanData rescue = attempts.get(3);
        assertThat(rescue.getName()).isEqualTo("chat Qwen/Qwen2.5-7B-Instruct");
        assertThat(rescue.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(rescue.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
        assertThat(rescue.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
        assertThat(rescue.getAttributes().get(AttributeKey.stringKey("detour.inference_provider"))).isEqualTo("hf-inference");
        long recorded = run.result().record().steps().stream().filter(step -> step.path().equals("plan"))
                .findFirst().orElseThrow().tokens().promptTokens();
        assertThat(rescue.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(recorded);
        assertThat(rescue.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
    }

    @Test
    void onceTheBreakerIsOpenTheDeadModelIsASkipEventNotAClientSpan() {
        SpanData synthesize = SpanTree.only(spans, "detour.step synthesize");
        SpanData chain = childrenOf(synthesize).get(0);
        assertThat(chain.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("detour.attempt.skipped");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("detour.skip_reason"))).isEqualTo("CIRCUIT_OPEN");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("detour.model"))).isEqualTo("hf:Qwen/Qwen2.5-72B-Instruct");
        });
        assertThat(childrenOf(chain)).extracting(SpanData::getName).containsExactly("chat Qwen/Qwen2.5-7B-Instruct");
    }

    @Test
    void noAttributeOfAnySpanOrEventHoldsThePromptTheAnswerOrAKey() {
        List<String> secrets = SpanTree.secrets(QUESTION, run.report().markdown());
        assertThat(secrets).hasSizeGreaterThan(5);
        List<String> values = SpanTree.everyValue(spans);
        assertThat(values).hasSizeGreaterThan(100);
        SpanTree.assertNoneHolds(values, secrets);
    }

    @Test
    void theMetricsCountTheFailuresTheFallbacksAndTheOpenBreaker() {
        assertThat(longSum("detour.attempts", Attributes.of(GenAi.MODEL, "hf:Qwen/Qwen2.5-72B-Instruct",
                GenAi.OUTCOME, "failed", GenAi.KIND, "ProviderUnavailable"))).isEqualTo(3);
        long calls = run.result().record().modelCalls();
        assertThat(longSum("detour.attempts", Attributes.of(GenAi.MODEL, "hf:Qwen/Qwen2.5-72B-Instruct",
                GenAi.OUTCOME, "skipped", GenAi.KIND, "CIRCUIT_OPEN"))).isEqualTo(calls - 1);
        assertThat(longSum("detour.fallbacks", Attributes.of(GenAi.FALLBACK_FROM_ONE, "hf:Qwen/Qwen2.5-72B-Instruct",
                GenAi.FALLBACK_TO, "hf:Qwen/Qwen2.5-7B-Instruct"))).isEqualTo(calls);
        MetricData breaker = metric("detour.breaker.state");
        Map<String, Long> states = breaker.getLongGaugeData().getPoints().stream().collect(Collectors.toMap(
                point -> point.getAttributes().get(GenAi.MODEL), LongPointData::getValue));
        assertThat(states).containsEntry("hf:Qwen/Qwen2.5-72B-Instruct", 2L).containsEntry("hf:Qwen/Qwen2.5-7B-Instruct", 0L);

        MetricData duration = metric("gen_ai.client.operation.duration");
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints()).anySatisfy(point -> {
            assertThat(point.getAttributes().get(GenAi.REQUEST_MODEL)).isEqualTo("Qwen/Qwen2.5-72B-Instruct");
            assertThat(point.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("ProviderUnavailable");
            assertThat(point.getCount()).isEqualTo(3);
        });
        long inputTokens = run.result().record().steps().stream().mapToLong(step -> step.tokens().promptTokens()).sum();
        assertThat(metric("gen_ai.client.token.usage").getHistogramData().getPoints().stream()
                .filter(point -> "input".equals(point.getAttributes().get(GenAi.TOKEN_TYPE)))
                .mapToDouble(point -> point.getSum()).sum()).isEqualTo((double) inputTokens);
    }

    @Test
    void everyCallTheFallbackServedIsMeasuredUnderOneSetOfAttributesNamingTheModelThatAnswered() {
        long calls = run.result().record().modelCalls();
        Attributes served = Attributes.builder()
                .put(GenAi.OPERATION_NAME, "chat")
                .put(GenAi.PROVIDER_NAME, "huggingface")
                .put(GenAi.REQUEST_MODEL, "Qwen/Qwen2.5-7B-Instruct")
                .put(GenAi.RESPONSE_MODEL, "Qwen/Qwen2.5-7B-Instruct")
                .put(GenAi.MODEL, "hf:Qwen/Qwen2.5-7B-Instruct")
                .put(GenAi.SERVER_ADDRESS, "127.0.0.1")
                .put(GenAi.SERVER_PORT, (long) rig.simulator.huggingFaceBaseUrl().getPort())
                .build();
        assertThat(metric("gen_ai.client.operation.duration").getHistogramData().getPoints())
                .filteredOn(point -> "Qwen/Qwen2.5-7B-Instruct".equals(point.getAttributes().get(GenAi.REQUEST_MODEL)))
                .singleElement().satisfies(point -> {
                    assertThat(point.getAttributes()).isEqualTo(served);
                    assertThat(point.getCount()).isEqualTo(calls);
                });
        assertThat(metric("gen_ai.client.token.usage").getHistogramData().getPoints())
                .filteredOn(point -> "Qwen/Qwen2.5-7B-Instruct".equals(point.getAttributes().get(GenAi.REQUEST_MODEL)))
                .extracting(point -> point.getAttributes())
                .containsExactlyInAnyOrder(served.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
                        served.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
    }

    @Test
    void everyExemplarOfTheAttemptHistogramsNamesTheAttemptsClientSpanNotTheChainSpan() {
        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, span -> span));
        List<SpanData> exemplarSpans = Stream.of("gen_ai.client.operation.duration", "gen_ai.client.token.usage")
                .flatMap(name -> metric(name).getHistogramData().getPoints().stream())
                .flatMap(point -> point.getExemplars().stream())
                .map(exemplar -> byId.get(exemplar.getSpanContext().getSpanId()))
                .toList();
        assertThat(exemplarSpans).isNotEmpty().allSatisfy(span -> {
            assertThat(span).isNotNull();
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getName()).startsWith("chat ");
        });
    }

    private static long longSum(String name, Attributes attributes) {
        return metric(name).getLongSumData().getPoints().stream()
                .filter(point -> point.getAttributes().equals(attributes))
                .mapToLong(LongPointData::getValue).sum();
    }

    private static MetricData metric(String name) {
        return metrics.stream().filter(metric -> metric.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics.stream().map(MetricData::getName).toList()));
    }

    private static List<SpanData> childrenOf(SpanData parent) {
        return SpanTree.childrenOf(spans, parent);
    }
}
