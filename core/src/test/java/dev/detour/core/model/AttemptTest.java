package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AttemptTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SourceRef PUBMED = SourceRef.of("pubmed");
    private static final ModelRef QWEN = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");

    @Test
    void aFailedSearchNamesTheSourceWhereAModelAttemptNamesTheModel() {
        Attempt search = Attempt.failed(PUBMED, ErrorKind.RATE_LIMITED, OptionalInt.of(429),
                "API rate limit exceeded", Optional.of(Duration.ofSeconds(2)), 0, T0, Duration.ofMillis(40));

        assertThat(search.target()).isEqualTo(PUBMED);
        assertThat(search.isSearch()).isTrue();
        assertThat(search.source()).isEqualTo(PUBMED);
        assertThat(search.shortReason()).isEqualTo("HTTP 429 from pubmed");
        assertThat(search.describe())
                .isEqualTo("pubmed, try 1: RateLimited, HTTP 429, 40 ms: API rate limit exceeded (source asks to wait 2 s)");
    }

    @Test
    void aSucceededOrSkippedSearchReadsLikeAModelAttempt() {
        assertThat(Attempt.succeeded(PUBMED, 1, T0, Duration.ofMillis(80)).describe())
                .isEqualTo("pubmed, try 2: succeeded, 80 ms");
        assertThat(Attempt.skipped(PUBMED, SkipReason.CIRCUIT_OPEN, null, T0).describe())
                .isEqualTo("pubmed: skipped (circuit open)");
        assertThat(Attempt.failed(PUBMED, ErrorKind.PROVIDER_UNAVAILABLE, OptionalInt.empty(), "an error inside an HTTP 200",
                Optional.empty(), 0, T0, Duration.ZERO).shortReason()).isEqualTo("ProviderUnavailable from pubmed");
    }

    @Test
    void modelAndSourceAreOnlyReadFromTheKindOfAttemptThatHasThem() {
        Attempt model = Attempt.succeeded(QWEN, "novita", 0, T0, Duration.ofMillis(5));
        Attempt search = Attempt.succeeded(PUBMED, 0, T0, Duration.ofMillis(5));

        assertThat(model.model()).isEqualTo(QWEN);
        assertThat(model.isSearch()).isFalse();
        assertThatThrownBy(model::source).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("names no source");
        assertThatThrownBy(search::model).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pubmed").hasMessageContaining("names no model");
    }

    @Test
    void aSearchAttemptHasNoInferenceProvider() {
        assertThatThrownBy(() -> new Attempt(PUBMED, Optional.of("ncbi"), 0, Attempt.Outcome.SUCCEEDED, Optional.empty(),
                OptionalInt.empty(), Optional.empty(), "ok", T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no inference provider");
    }

    @Test
    void aSourceIsNamedLikeAConfigurationKey() {
        assertThat(SourceRef.of("clinical-trials_2").toString()).isEqualTo("clinical-trials_2");
        assertThatThrownBy(() -> SourceRef.of("pub med")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"pub med\"");
        assertThatThrownBy(() -> SourceRef.of("hf:model")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceRef.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsACallCancelledInFlightAsCancelledNotSkipped() {
        Attempt attempt = Attempt.cancelled(QWEN, 1, T0, Duration.ofMillis(1200));

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.CANCELLED);
        assertThat(attempt.skipReason()).isEmpty();
        assertThat(attempt.kind()).as("not a failure of the model").isEmpty();
        assertThat(attempt.shortReason()).isEqualTo("cancelled");
        assertThat(attempt.describe()).isEqualTo("hf:Qwen/Qwen2.5-72B-Instruct, try 2: cancelled, 1.2 s")
                .doesNotContain("skipped", "thread", "interrupt");
    }

    @Test
    void keepsSkippedForAModelNeverTried() {
        Attempt attempt = Attempt.skipped(QWEN, SkipReason.CANCELLED, null, T0);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.SKIPPED);
        assertThat(attempt.describe()).isEqualTo("hf:Qwen/Qwen2.5-72B-Instruct: skipped (cancelled)");
    }
}
