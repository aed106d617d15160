package dev.detour.adapters.clinicaltrials;

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
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What ClinicalTrials.gov's API v2 asks of the adapter beyond the conformance kit: the trials' fields and paging. */
class ClinicalTrialsWireTest {

    private final MockWebServer server = new MockWebServer();
    private ClinicalTrialsSource source;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        source = ClinicalTrialsSource.create(new ClinicalTrialsSettings("clinicaltrials", server.url("/api/v2").uri(),
                ClinicalTrialsSettings.DEFAULT_LIMITS));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void readsATrialWithItsStatusPhasesConditionsInterventionsAndStartDate() {
        serve(200, "application/json", Fixtures.text("fixtures/clinicaltrials-studies-page1.json"));

        EvidenceRecord trial = source.search(SearchQuery.of("knee", 2), CallContext.none()).get(0);

        assertThat(trial.id()).isEqualTo(EvidenceId.parse("NCT05013879"));
        assertThat(trial.title()).isEqualTo("Kinesiotape for Edema After Bilateral Total Knee Arthroplasty");
        assertThat(trial.kind()).isEqualTo(EvidenceKind.TRIAL);
        assertThat(trial.venue()).contains("ClinicalTrials.gov");
        assertThat(trial.published()).contains("2021-10-18");
        assertThat(trial.summary()).contains("Short summary (shortened for the fixture).");
        assertThat(trial.url()).isEqualTo(URI.create("https://clinicaltrials.gov/study/NCT05013879"));
        assertThat(trial.source()).isEqualTo("clinicaltrials");
        assertThat(trial.details()).containsExactly(
                Map.entry("status", "COMPLETED"),
                Map.entry("phases", "NA"),
                Map.entry("conditions", "Arthroplasty Complications; Arthroplasty, Replacement, Knee"),
                Map.entry("interventions", "DEVICE: Kinesio(R)Tape for edema control"),
                Map.entry("completed", "2023-11-24"),
                Map.entry("sponsor", "Montefiore Medical Center"),
                Map.entry("has results", "no"));
    }

    @Test
    void keepsAMonthOnlyStartDateTwoPhasesAndPostedResults() {
        serve(200, "application/json", Fixtures.text("fixtures/clinicaltrials-studies-page1.json"));

        EvidenceRecord trial = source.search(SearchQuery.of("desire", 2), CallContext.none()).get(1);

        assertThat(trial.id()).isEqualTo(EvidenceId.parse("NCT99999901"));
        assertThat(trial.published()).contains("2019-03");
        assertThat(trial.year()).hasValue(2019);
        assertThat(trial.details()).containsEntry("phases", "PHASE2, PHASE3")
                .containsEntry("interventions", "DRUG: Example drug; DRUG: Placebo")
                .containsEntry("has results", "yes");
    }

    @Test
    void asksForTheTotalOnTheFirstPageOnlyAndFollowsTheNextPageToken() throws InterruptedException {
        serve(200, "application/json", Fixtures.text("fixtures/clinicaltrials-studies-page1.json"));
        serve(200, "application/json", Fixtures.text("fixtures/clinicaltrials-studies-last-page.json"));

        List<EvidenceRecord> records = source.search(SearchQuery.of("knee arthroplasty", 10), CallContext.none());

        assertThat(records).extracting(record -> record.id().toString())
                .containsExactly("NCT05013879", "NCT99999901", "NCT99999902");
        assertThat(server.takeRequest().getUrl().toString()).endsWith(
                "/api/v2/studies?query.term=knee%20arthroplasty&pageSize=10&format=json&countTotal=true");
        assertThat(server.takeRequest().getUrl().toString()).endsWith(
                "/api/v2/studies?query.term=knee%20arthroplasty&pageSize=10&format=json&pageToken=NF0g5JGBlPMuwQY");
        assertThat(server.getRequestCount()).as("the page without nextPageToken is the last").isEqualTo(2);
    }

    @Test
    void takesTheOfficialTitleWhenThereIsNoBriefOneAndLeavesOutAStudyWithoutAnNctId() {
        serve(200, "application/json", "{\"studies\":["
                + "{\"protocolSection\":{\"identificationModule\":{\"officialTitle\":\"No id here\"}}},"
                + "{\"protocolSection\":{\"identificationModule\":{\"nctId\":\"NCT00000001\","
                + "\"officialTitle\":\"An Official Title\"},\"statusModule\":{\"startDateStruct\":{\"date\":\"March 2001\"}}}}]}");

        List<EvidenceRecord> records = source.search(SearchQuery.of("title", 5), CallContext.none());

        assertThat(records).singleElement().satisfies(trial -> {
            assertThat(trial.id()).isEqualTo(EvidenceId.parse("NCT00000001"));
            assertThat(trial.title()).isEqualTo("An Official Title");
            assertThat(trial.published()).as("a date that is not YYYY[-MM[-DD]]").isEmpty();
            assertThat(trial.details()).doesNotContainKey("has results");
        });
    }

    @Test
    void reportsAnUnknownParameterAsAnInvalidRequestInTheServersWords() {
        serve(400, "text/plain;charset=UTF-8", "Unknown parameter: query.trem\n");

        SearchFailedException thrown = catchThrowableOfType(SearchFailedException.class,
                () -> source.search(SearchQuery.of("knee", 5), CallContext.none()));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(thrown.httpStatus()).hasValue(400);
        assertThat(thrown.source()).isEqualTo("clinicaltrials");
        assertThat(thrown.getMessage()).contains("Unknown parameter: query.trem");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void stopsAtAPageWithNoStudiesEvenIfItNamesANextPageToken() {
        serve(200, "application/json", "{\"studies\":[],\"nextPageToken\":\"abc\"}");

        assertThat(source.search(SearchQuery.of("knee", 5), CallContext.none())).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private void serve(int status, String contentType, String body) {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", contentType).body(body).build());
    }
}
