package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.workflow.WorkflowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SourceRef PUBMED = SourceRef.of("pubmed");
    private static final ModelRef QWEN = ModelRef.parse("hf:Qwen/Qwen2.5-72B-Instruct");

    private final EventJson json = new EventJson();

    @Test
    void aSearchAttemptShowsItsSourceWhereAModelAttemptShowsItsModel() {
        Attempt model = Attempt.failed(ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, QWEN).httpStatus(500)
                .inferenceProvider("novita").detail("upstream error").build(), 0, T0, Duration.ofMillis(312));
        Attempt search = Attempt.failed(PUBMED, ErrorKind.RATE_LIMITED, OptionalInt.of(429), "API rate limit exceeded",
                Optional.empty(), 1, T0, Duration.ofMillis(40));

        assertThat(json.toJson(new WorkflowEvent.AttemptFailed("r", 4, T0, "plan", model)))
                .contains("\"model\":\"hf:Qwen/Qwen2.5-72B-Instruct\"").doesNotContain("\"source\"");
        assertThat(json.toJson(new WorkflowEvent.SearchFailed("r", 5, T0, "investigate[0]/search", "tidal forces", search)))
                .isEqualTo("{\"type\":\"SearchFailed\",\"runId\":\"r\",\"sequence\":5,\"at\":\"2026-01-01T00:00:00Z\","
                        + "\"step\":\"investigate[0]/search\",\"source\":\"pubmed\",\"retry\":1,\"outcome\":\"FAILED\","
                        + "\"kind\":\"RateLimited\",\"httpStatus\":429,\"message\":\"API rate limit exceeded\","
                        + "\"start\":\"2026-01-01T00:00:00Z\",\"latencyMs\":40,\"query\":\"tidal forces\"}");
    }

    @Test
    void writesTheOtherSearchEventsAndRejectedCitations() {
        Attempt answered = Attempt.succeeded(PUBMED, 0, T0, Duration.ofMillis(80));

        assertThat(json.toJson(new WorkflowEvent.SearchStarted("r", 1, T0, "s", PUBMED, "tides", 0)))
                .contains("\"source\":\"pubmed\",\"query\":\"tides\",\"retry\":0");
        assertThat(json.toJson(new WorkflowEvent.SearchSucceeded("r", 2, T0, "s", "tides", 5, answered)))
                .contains("\"source\":\"pubmed\"", "\"latencyMs\":80", "\"query\":\"tides\",\"hits\":5");
        assertThat(json.toJson(new WorkflowEvent.CitationRejected("r", 3, T0, "a", QWEN, 3, List.of(9, 12))))
                .endsWith("\"step\":\"a\",\"model\":\"hf:Qwen/Qwen2.5-72B-Instruct\",\"evidenceGiven\":3,\"rejected\":[9,12]}");
    }
}
