package dev.detour.simulator;

import static dev.detour.simulator.EvidenceClient.clinicalTrials;
import static dev.detour.simulator.EvidenceClient.esearch;
import static dev.detour.simulator.EvidenceClient.europePmc;
import static dev.detour.simulator.EvidenceClient.get;
import static dev.detour.simulator.EvidenceClient.json;
import static dev.detour.simulator.EvidenceClient.openAlex;
import static dev.detour.simulator.EvidenceClient.pmids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each source pages through a query's hits its own way, and the pages add up to every hit once. */
class SourcePagingTest {

    private static final String QUERY = "omega-3 fatty acids and depression";

    private static ProviderSimulator simulator() {
        return ProviderSimulator.start(Scenario.builder("paging").build());
    }

    @Test
    void esearchPagesWithRetstartAndRetmaxAndKeepsTheCount() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode all = json(esearch(simulator, QUERY, "retmax", "100"));
            JsonNode first = json(esearch(simulator, QUERY, "retmax", "3"));
            JsonNode second = json(esearch(simulator, QUERY, "retmax", "3", "retstart", "3"));

            List<String> paged = new ArrayList<>(pmids(esearch(simulator, QUERY, "retmax", "3")));
            paged.addAll(pmids(esearch(simulator, QUERY, "retmax", "3", "retstart", "3")));
            assertThat(paged).isEqualTo(pmids(esearch(simulator, QUERY, "retmax", "6")));
            assertThat(first.path("esearchresult").path("count").asText()).isEqualTo(all.path("esearchresult").path("count").asText());
            assertThat(second.path("esearchresult").path("retstart").asText()).isEqualTo("3");
            assertThat(Integer.parseInt(all.path("esearchresult").path("count").asText()))
                    .isEqualTo(all.path("esearchresult").path("idlist").size()).isGreaterThan(5);
        }
    }

    @Test
    void europePmcFollowsCursorMarksUntilAPageHasNone() {
        try (ProviderSimulator simulator = simulator()) {
            List<String> ids = new ArrayList<>();
            String cursor = "*";
            JsonNode page;
            int pages = 0;
            do {
                page = json(europePmc(simulator, QUERY, "pageSize", "3", "cursorMark", cursor));
                page.path("resultList").path("result").forEach(record -> ids.add(record.path("id").asText()));
                assertThat(page.path("request").path("cursorMark").asText()).isEqualTo(cursor);
                cursor = page.path("nextCursorMark").asText();
                pages++;
            } while (page.has("nextCursorMark"));

            assertThat(ids).hasSize(page.path("hitCount").asInt()).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo((ids.size() + 2) / 3);
            assertThat(page.has("nextPageUrl")).isFalse();
        }
    }

    @Test
    void europePmcsNextPageUrlAnswersTheNextPage() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode first = json(europePmc(simulator, QUERY, "pageSize", "2"));
            JsonNode byCursor = json(europePmc(simulator, QUERY, "pageSize", "2", "cursorMark", first.path("nextCursorMark").asText()));
            JsonNode byUrl = json(get(URI.create(first.path("nextPageUrl").asText())));

            assertThat(byUrl.path("resultList")).isEqualTo(byCursor.path("resultList"));
            assertThat(first.path("nextPageUrl").asText()).startsWith(simulator.europePmcBaseUrl() + "/search?query=omega-3%20fatty");
        }
    }

    @Test
    void clinicalTrialsPagesWithPageTokensAndCountsOnlyOnTheFirstPage() {
        try (ProviderSimulator simulator = simulator()) {
            List<String> ids = new ArrayList<>();
            List<Boolean> counted = new ArrayList<>();
            String token = null;
            JsonNode page;
            do {
                page = token == null
                        ? json(clinicalTrials(simulator, QUERY, "pageSize", "2", "countTotal", "true"))
                        : json(clinicalTrials(simulator, QUERY, "pageSize", "2", "countTotal", "true", "pageToken", token));
                page.path("studies").forEach(study -> ids.add(study.path("protocolSection").path("identificationModule")
                        .path("nctId").asText()));
                counted.add(page.has("totalCount"));
                token = page.path("nextPageToken").asText();
            } while (page.has("nextPageToken"));

            JsonNode all = json(clinicalTrials(simulator, QUERY, "pageSize", "100", "countTotal", "true"));
            assertThat(ids).hasSize(all.path("totalCount").asInt()).doesNotHaveDuplicates();
            assertThat(counted.getFirst()).isTrue();
            assertThat(counted.subList(1, counted.size())).isNotEmpty().containsOnly(false);
            assertThat(json(clinicalTrials(simulator, QUERY)).has("totalCount")).isFalse();
        }
    }

    @Test
    void openAlexPagesByPageNumberAndByCursor() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode all = json(openAlex(simulator, QUERY, "per_page", "200"));
            JsonNode second = json(openAlex(simulator, QUERY, "per_page", "2", "page", "2"));
            List<String> byCursor = new ArrayList<>();
            String cursor = "*";
            while (true) {
                JsonNode page = json(openAlex(simulator, QUERY, "per_page", "4", "cursor", cursor));
                assertThat(page.path("meta").path("page").isNull()).isTrue();
                page.path("results").forEach(work -> byCursor.add(work.path("id").asText()));
                if (page.path("meta").path("next_cursor").isNull()) {
                    break;
                }
                cursor = page.path("meta").path("next_cursor").asText();
            }

            assertThat(second.path("meta").path("page").asInt()).isEqualTo(2);
            assertThat(second.path("results").path(0).path("id")).isEqualTo(all.path("results").path(2).path("id"));
            assertThat(byCursor).hasSize(all.path("meta").path("count").asInt()).doesNotHaveDuplicates();
        }
    }
}
