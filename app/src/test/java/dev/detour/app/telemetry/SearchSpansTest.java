package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SourceRef;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A search span names the source's server, when it is known, as the model attempts' spans do. */
class SearchSpansTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider tracers = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();

    @AfterEach
    void close() {
        tracers.close();
    }

    @Test
    void aSourceWhoseBaseUrlIsKnownHasItsHostAndPortAndTheDefaultPortOfItsScheme() {
        SourceRef pubmed = SourceRef.of("pubmed");
        SourceRef local = SourceRef.of("local");
        SearchSpans searches = new SearchSpans(tracers.get("test"), source -> Optional.of(source.equals(pubmed)
                ? URI.create("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/") : URI.create("http://127.0.0.1:8089/")));

        searches.answered(Optional.empty(), Attempt.succeeded(pubmed, 0, Instant.now(), Duration.ofMillis(5)), 3);
        searches.ended(Optional.empty(), Attempt.failed(local, ErrorKind.TIMEOUT, OptionalInt.empty(), "read timed out",
                Optional.empty(), 0, Instant.now(), Duration.ofMillis(5)));

        SpanData answered = exported.getFinishedSpanItems().get(0);
        assertThat(answered.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("eutils.ncbi.nlm.nih.gov");
        assertThat(answered.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(443);
        SpanData timedOut = exported.getFinishedSpanItems().get(1);
        assertThat(timedOut.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(timedOut.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(8089);
        assertThat(timedOut.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("Timeout");
        assertThat(timedOut.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNull();
    }
}
