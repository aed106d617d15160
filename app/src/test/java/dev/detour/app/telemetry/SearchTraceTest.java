package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.SourceConfig;
import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SourceFailedError;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.SkipReason;
import dev.detour.core.model.SourceRef;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.testing.ScriptedSources;
import dev.detour.core.workflow.RunStatus;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evidence searches as a tracing backend sees them: a CLIENT span per try under the step that searched, made
 * from the tries any {@code EvidenceSources} announces (or core replays for one that announces none), and a
 * span event for a source skipped without a request. The telemetry is the real Guice graph's; the sources are
 * scripted: PubMed fails once with 429 and answers on its retry, Europe PMC fails with 503, ClinicalTrials.gov
 * is skipped, its circuit open.
 */
class SearchTraceTest {

    private static final String QUESTION = "Why do tides happen twice a day?";
    private static final List<String> SOURCES = List.of("pubmed", "europepmc", "clinicaltrials");
    private static final Duration RATE_LIMITED_TRY = Duration.ofMillis(40);
    private static final Duration ANSWERING_TRY = Duration.ofMillis(80);

    private static TelemetryRig rig;
    private static ScriptedSources sources;
    private static ResearchRun run;
    private static List<SpanData> spans;

    @BeforeAll
    static void researchWithEvidence() {
        rig = TelemetryRig.start(Scenario.builtIn("hf-outage"), config -> config.withEvidence(Map.of(
                "pubmed", SourceConfig.of("pubmed", "pubmed", URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/")),
                "europepmc", SourceConfig.of("europepmc", "europepmc", URI.create("http://127.0.0.1:8089/europepmc/")),
                "clinicaltrials", SourceConfig.of("clinicaltrials", "clinicaltrials",
                        URI.create("https://clinicaltrials.gov/api/v2/"))), GroundingSettings.of(SOURCES)));
        SourceRef pubmed = SourceRef.of("pubmed");
        SourceRef clinicalTrials = SourceRef.of("clinicaltrials");
        sources = ScriptedSources.of(SOURCES.toArray(String[]::new))
                .byDefault("pubmed", (query, context) -> {
                    Instant now = Instant.now();
                    context.attemptListener().searchStarted(pubmed, 0);
                    context.attemptListener().attemptFinished(Attempt.failed(pubmed, ErrorKind.RATE_LIMITED,
                            OptionalInt.of(429), "API rate limit exceeded", Optional.empty(), 0, now, RATE_LIMITED_TRY));
                    context.attemptListener().searchStarted(pubmed, 1);
                    context.attemptListener().attemptFinished(Attempt.succeeded(pubmed, 1, now, ANSWERING_TRY));
                    List<EvidenceRecord> records = ScriptedSources.echo("pubmed").search(query, context);
                    return records.subList(0, 2);
                })
                .byDefault("europepmc", ScriptedSources.failing("europepmc", ErrorKind.PROVIDER_UNAVAILABLE, 503,
                        "Service Unavailable"))
                .byDefault("clinicaltrials", ScriptedSources.failing(new SourceFailedError(clinicalTrials,
                        List.of(Attempt.skipped(clinicalTrials, SkipReason.CIRCUIT_OPEN, null, Instant.now())), null)));
        Telemetry telemetry = rig.get(Telemetry.class);
        WorkflowEngine engine = new WorkflowEngine(rig.get(ModelPort.class), sources, Clock.systemUTC(),
                telemetry.runListeners(), Pricing.none(), RunStore.none());
        ResearchSettings grounded = ResearchSettings.defaults().withGrounding(GroundingSettings.of(SOURCES));
        run = new ResearchRunner(engine, grounded).run(QUESTION);
        spans = rig.finishedSpans();
    }

    @AfterAll
    static void close() {
        rig.close();
    }

    @Test
    void eachTryOfASearchIsAClientSpanUnderTheStepThatSearched() {
        assertThat(run.result().status()).isEqualTo(RunStatus.COMPLETED);
        SpanData step = only("detour.step investigate[0]/search");
        List<SpanData> searches = childrenOf(step);
        assertThat(searches).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("retrieval pubmed", "retrieval pubmed", "retrieval europepmc");
        assertThat(searches).allSatisfy(search -> {
            assertThat(search.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(search.getTraceId()).isEqualTo(step.getTraceId());
            assertThat(search.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("retrieval");
            assertThat(search.getAttributes().get(AttributeKey.stringKey("gen_ai.data_source.id")))
                    .isEqualTo(search.getAttributes().get(AttributeKey.stringKey("detour.source")))
                    .isEqualTo(search.getName().substring("retrieval ".length()));
        });

        SpanData rateLimited = attempt(searches, "pubmed", 0);
        assertThat(rateLimited.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("RateLimited");
        assertThat(rateLimited.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(429);
        assertThat(rateLimited.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(rateLimited.getEndEpochNanos() - rateLimited.getStartEpochNanos()).isEqualTo(RATE_LIMITED_TRY.toNanos());
        assertThat(rateLimited.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("eutils.ncbi.nlm.nih.gov");
        assertThat(rateLimited.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(443);

        SpanData answered = attempt(searches, "pubmed", 1);
        assertThat(answered.getAttributes().get(AttributeKey.longKey("detour.hits"))).isEqualTo(2);
        assertThat(answered.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
        assertThat(answered.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(answered.getEndEpochNanos() - answered.getStartEpochNanos()).isEqualTo(ANSWERING_TRY.toNanos());

        SpanData down = attempt(searches, "europepmc", 0);
        assertThat(down.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("ProviderUnavailable");
        assertThat(down.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503);
        assertThat(down.getAttributes().get(AttributeKey.longKey("detour.hits"))).isNull();
        assertThat(down.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(down.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(8089);
    }

    @Test
    void aSourceSkippedWithoutARequestIsASpanEventOfTheStepNotAClientSpan() {
        SpanData step = only("detour.step investigate[0]/search");
        assertThat(step.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("detour.search.skipped");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("detour.source"))).isEqualTo("clinicaltrials");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("detour.skip_reason"))).isEqualTo("CIRCUIT_OPEN");
        });
        assertThat(spans).extracting(SpanData::getName).doesNotContain("retrieval clinicaltrials");
    }

    @Test
    void everySearchStepHasItsSpansAndNoAttributeHoldsAQuery() {
        long searchSteps = run.result().record().steps().stream().filter(step -> step.name().equals("search")).count();
        assertThat(searchSteps).isPositive();
        assertThat(spans).filteredOn(span -> span.getName().startsWith("retrieval ")).hasSize((int) (3 * searchSteps));

        List<String> queries = sources.searches().stream().map(SourceSearch::query).map(query -> query.text()).toList();
        assertThat(queries).isNotEmpty();
        List<String> values = new ArrayList<>();
        spans.stream().filter(span -> span.getName().startsWith("retrieval ") || span.getName().endsWith("/search"))
                .forEach(span -> {
                    span.getAttributes().forEach((key, value) -> values.add(String.valueOf(value)));
                    span.getEvents().forEach(event -> event.getAttributes().forEach((key, value) -> values.add(String.valueOf(value))));
                    values.add(span.getStatus().getDescription());
                });
        for (String value : values) {
            for (String query : queries) {
                assertThat(value).doesNotContain(query);
            }
            assertThat(value).doesNotContain(QUESTION);
        }
    }

    private static SpanData attempt(List<SpanData> searches, String source, long retry) {
        return searches.stream()
                .filter(span -> source.equals(span.getAttributes().get(AttributeKey.stringKey("detour.source"))))
                .filter(span -> span.getAttributes().get(AttributeKey.longKey("detour.retry")) == retry)
                .findFirst().orElseThrow(() -> new AssertionError("no span of " + source + " try " + retry));
    }

    private static SpanData only(String name) {
        List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.get(0);
    }

    private static List<SpanData> childrenOf(SpanData parent) {
        return spans.stream().filter(span -> span.getParentSpanId().equals(parent.getSpanId())).toList();
    }
}
