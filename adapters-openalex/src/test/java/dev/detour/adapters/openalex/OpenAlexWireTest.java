package dev.detour.adapters.openalex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.conformance.Fixtures;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What OpenAlex's works search asks of the adapter beyond the conformance kit: the records' fields and the key. */
class OpenAlexWireTest {

    private static final String KEY = "openalex-wire-test-key-0123456789";

    private final MockWebServer server = new MockWebServer();
    private OpenAlexSource source;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        source = OpenAlexSource.create(new OpenAlexSettings("openalex", server.url("/").uri(), Secret.of(KEY),
                OpenAlexSettings.DEFAULT_LIMITS));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void readsAWorkWithItsDoiPmidAndPmcidAsCrossIdsAndItsAbstractRebuilt() {
        serve(200, Fixtures.text("fixtures/openalex-works-search.json"));

        EvidenceRecord work = source.search(SearchQuery.of("open access", 5), CallContext.none()).getFirst();

        assertThat(work.id()).isEqualTo(EvidenceId.parse("OpenAlex:W2741809807"));
        assertThat(work.crossIds()).containsExactly(EvidenceId.parse("DOI:10.7717/peerj.4375"),
                EvidenceId.parse("PMID:29456894"), EvidenceId.parse("PMCID:PMC5815332"));
        assertThat(work.title())
                .isEqualTo("The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles");
        assertThat(work.summary()).contains("Despite growing interest in Open Access (OA)");
        assertThat(work.authors()).containsExactly("Heather A. Piwowar");
        assertThat(work.published()).contains("2018-02-13");
        assertThat(work.venue()).contains("PeerJ");
        assertThat(work.kind()).isEqualTo(EvidenceKind.ARTICLE);
        assertThat(work.url()).isEqualTo(URI.create("https://doi.org/10.7717/peerj.4375"));
        assertThat(work.source()).isEqualTo("openalex");
    }

    @Test
    void sendsTheSearchThePageSizeAndTheKeyInTheQueryString() throws InterruptedException {
        serve(200, Fixtures.text("fixtures/openalex-works-search.json"));

        source.search(SearchQuery.of("open access", 7), CallContext.none());

        assertThat(server.takeRequest().getUrl().toString())
                .endsWith("/works?search=open%20access&per_page=7&api_key=" + KEY);
    }

    @Test
    void marksPreprintsAndReviewsByTypeAndKeepsAWorkWithoutDoiUnderItsOpenAlexPage() {
        serve(200, "{\"results\":["
                + work("W1", "preprint") + "," + work("W2", "posted-content") + "," + work("W3", "review") + ","
                + "{\"id\":\"https://openalex.org/W4\"},"
                + "{\"id\":\"https://example.org/not-openalex\",\"title\":\"No OpenAlex id\"}]}");

        List<EvidenceRecord> records = source.search(SearchQuery.of("kinds", 10), CallContext.none());

        assertThat(records).extracting(EvidenceRecord::kind)
                .containsExactly(EvidenceKind.PREPRINT, EvidenceKind.PREPRINT, EvidenceKind.REVIEW);
        assertThat(records.getFirst().url()).isEqualTo(URI.create("https://openalex.org/W1"));
        assertThat(records.getFirst().published()).as("publication_year when there is no date").contains("2024");
        assertThat(records.getFirst().summary()).as("no abstract_inverted_index").isEmpty();
    }

    @Test
    void rebuildsTheAbstractInPositionOrderWithWordsThatRepeat() {
        serve(200, "{\"results\":[{\"id\":\"https://openalex.org/W5\",\"title\":\"Repeats\","
                + "\"abstract_inverted_index\":{\"the\":[0,3],\"cat\":[1],\"saw\":[2],\"dog.\":[4]}}]}");

        assertThat(source.search(SearchQuery.of("repeats", 1), CallContext.none()).getFirst().summary())
                .contains("the cat saw the dog.");
    }

    @Test
    void reportsAnInvalidFilterAsAnInvalidRequestInOpenAlexsWords() {
        serve(400, Fixtures.text("fixtures/openalex-error-400-invalid-filter.json"));

        SearchFailedException thrown = failure();

        assertThat(thrown.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(thrown.httpStatus()).hasValue(400);
        assertThat(thrown.getMessage()).contains("Unknown filter field: author_name");
    }

    @Test
    void removesTheExactKeyFromAFailureThatEchoesTheRequest() {
        serve(400, "{\"error\":\"Invalid query parameters error.\",\"message\":\"api_key=" + KEY + " is not valid\"}");

        SearchFailedException thrown = failure();

        assertThat(thrown.getMessage()).doesNotContain(KEY).contains("api_key=[redacted]");
        assertThat(thrown.toString()).doesNotContain(KEY);
    }

    private SearchFailedException failure() {
        return catchThrowableOfType(SearchFailedException.class,
                () -> source.search(SearchQuery.of("open access", 5), CallContext.none()));
    }

    private static String work(String id, String type) {
        return "{\"id\":\"https://openalex.org/" + id + "\",\"display_name\":\"Work " + id + "\",\"type\":\"" + type
                + "\",\"publication_year\":2024}";
    }

    private void serve(int status, String body) {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build());
    }
}
