package dev.detour.simulator;

import static dev.detour.simulator.EvidenceClient.clinicalTrials;
import static dev.detour.simulator.EvidenceClient.efetch;
import static dev.detour.simulator.EvidenceClient.esearch;
import static dev.detour.simulator.EvidenceClient.esummary;
import static dev.detour.simulator.EvidenceClient.europePmc;
import static dev.detour.simulator.EvidenceClient.json;
import static dev.detour.simulator.EvidenceClient.openAlex;
import static dev.detour.simulator.EvidenceClient.pmids;
import static dev.detour.simulator.EvidenceClient.postForm;
import static dev.detour.simulator.EvidenceClient.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The evidence the sources answer with: the same for the same query, echoing it, labelled simulated, overlapping across sources. */
class SimulatedEvidenceTest {

    private static final String QUERY = "Vitamin D supplementation and fracture risk";

    private static ProviderSimulator simulator() {
        return ProviderSimulator.start(Scenario.builder("evidence").build());
    }

    /** Every id each source answers for {@code query}, as the source writes it. */
    private static Map<String, List<String>> ids(ProviderSimulator simulator, String query) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        ids.put("pubmed", pmids(esearch(simulator, query, "retmax", "50")));
        ids.put("europepmc", texts(json(europePmc(simulator, query, "pageSize", "100")).path("resultList").path("result"), "id"));
        ids.put("clinicaltrials", texts(json(clinicalTrials(simulator, query, "pageSize", "100")).path("studies"),
                "protocolSection", "identificationModule", "nctId"));
        ids.put("openalex", texts(json(openAlex(simulator, query, "per_page", "100")).path("results"), "id"));
        return ids;
    }

    private static List<String> texts(JsonNode items, String... path) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode node = item;
            for (String field : path) {
                node = node.path(field);
            }
            texts.add(node.asText());
        }
        return texts;
    }

    @Test
    void answersTheSameIdsForTheSameQueryInEverySimulatorWhateverItsCaseAndSpacing() {
        Map<String, List<String>> first;
        Map<String, List<String>> second;
        try (ProviderSimulator simulator = simulator()) {
            first = ids(simulator, QUERY);
        }
        try (ProviderSimulator simulator = simulator()) {
            second = ids(simulator, "  vitamin D   supplementation and FRACTURE risk ");
        }

        assertThat(second).isEqualTo(first);
        assertThat(first.values()).allSatisfy(list -> assertThat(list).isNotEmpty().doesNotHaveDuplicates());
    }

    @Test
    void answersOtherIdsForAnotherQuery() {
        try (ProviderSimulator simulator = simulator()) {
            Map<String, List<String>> one = ids(simulator, QUERY);
            Map<String, List<String>> other = ids(simulator, "sleep duration and blood pressure");

            one.forEach((source, list) -> assertThat(list).as(source).doesNotContainAnyElementsOf(other.get(source)));
        }
    }

    @Test
    void givesIdsOfTheShapesTheRealRegistersUse() {
        try (ProviderSimulator simulator = simulator()) {
            Map<String, List<String>> ids = ids(simulator, QUERY);
            List<String> dois = texts(json(openAlex(simulator, QUERY, "per_page", "100")).path("results"), "doi");

            assertThat(ids.get("pubmed")).allMatch(id -> id.matches("[1-9][0-9]{0,9}"));
            assertThat(ids.get("europepmc")).allMatch(id -> id.matches("[1-9][0-9]{0,9}|PPR[0-9]+"));
            assertThat(ids.get("clinicaltrials")).allMatch(id -> id.matches("NCT[0-9]{8}"));
            assertThat(ids.get("openalex")).allMatch(id -> id.matches("https://openalex\\.org/W[1-9][0-9]{0,12}"));
            assertThat(dois).allMatch(doi -> doi.matches("https://doi\\.org/10\\.[0-9]{4,9}/\\S+"));
        }
    }

    @Test
    void titlesEchoTheQueryAndSayWhereAReaderSeesThemThatTheyAreSimulated() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode summaries = json(esummary(simulator, pmids(esearch(simulator, QUERY))));
            JsonNode trials = json(clinicalTrials(simulator, QUERY));
            JsonNode works = json(openAlex(simulator, QUERY));

            for (JsonNode uid : summaries.path("result").path("uids")) {
                JsonNode summary = summaries.path("result").path(uid.asText());
                assertThat(summary.path("title").asText()).startsWith(QUERY);
                assertThat(summary.path("fulljournalname").asText()).startsWith("Simulated Journal of ");
            }
            for (JsonNode study : trials.path("studies")) {
                assertThat(study.path("protocolSection").path("identificationModule").path("briefTitle").asText())
                        .startsWith(QUERY).contains("simulated");
            }
            for (JsonNode work : works.path("results")) {
                assertThat(work.path("display_name").asText()).startsWith(QUERY);
                assertThat(work.path("primary_location").path("source").path("display_name").asText().toLowerCase())
                        .contains("simulated");
            }
        }
    }

    @Test
    void pubMedAndEuropePmcAnswerTheSamePapersWithTheSameDoisAndTitles() {
        try (ProviderSimulator simulator = simulator()) {
            List<String> pmids = pmids(esearch(simulator, QUERY, "retmax", "5"));
            JsonNode summaries = json(esummary(simulator, pmids)).path("result");
            JsonNode europe = json(europePmc(simulator, QUERY, "pageSize", "5")).path("resultList").path("result");

            int shared = 0;
            for (JsonNode record : europe) {
                if (record.path("source").asText().equals("MED")) {
                    JsonNode summary = summaries.path(record.path("pmid").asText());
                    assertThat(pmids).contains(record.path("pmid").asText());
                    assertThat(summary.path("elocationid").asText()).isEqualTo("doi: " + record.path("doi").asText());
                    assertThat(record.path("title").asText().replaceAll("<[^>]+>", "")).isEqualTo(summary.path("title").asText());
                    shared++;
                }
            }
            assertThat(shared).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void openAlexNamesThePubMedRecordsItSharesByPmidAndDoi() {
        try (ProviderSimulator simulator = simulator()) {
            List<String> pmids = pmids(esearch(simulator, QUERY, "retmax", "50"));
            JsonNode summaries = json(esummary(simulator, pmids)).path("result");
            JsonNode works = json(openAlex(simulator, QUERY, "per_page", "5")).path("results");

            int shared = 0;
            for (JsonNode work : works) {
                String pmid = work.path("ids").path("pmid").asText().replace("https://pubmed.ncbi.nlm.nih.gov/", "");
                if (!pmid.isEmpty()) {
                    assertThat(work.path("doi").asText())
                            .isEqualTo("https://doi.org/" + summaries.path(pmid).path("elocationid").asText().substring(5));
                    shared++;
                }
            }
            assertThat(shared).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void europePmcAndOpenAlexAlsoFindPreprintsThatPubMedDoesNot() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode europe = json(europePmc(simulator, QUERY, "pageSize", "100")).path("resultList").path("result");
            List<JsonNode> preprints = new ArrayList<>();
            europe.forEach(record -> {
                if (record.path("source").asText().equals("PPR")) {
                    preprints.add(record);
                }
            });

            assertThat(preprints).isNotEmpty().allSatisfy(preprint -> {
                assertThat(preprint.has("pmid")).isFalse();
                assertThat(preprint.path("pubTypeList").path("pubType").toString()).contains("Preprint");
            });
            assertThat(json(openAlex(simulator, QUERY, "per_page", "100")).path("results").findValuesAsText("type"))
                    .contains("preprint");
        }
    }

    @Test
    void efetchDescribesThePmidsItHandedOutAndLeavesOutOthers() {
        try (ProviderSimulator simulator = simulator()) {
            List<String> pmids = new ArrayList<>(pmids(esearch(simulator, QUERY, "retmax", "3")));
            pmids.add("912345678");
            Document fetched = xml(efetch(simulator, pmids).body());
            NodeList found = fetched.getElementsByTagName("PMID");

            assertThat(found.getLength()).isEqualTo(3);
            assertThat(fetched.getElementsByTagName("ArticleTitle").item(0).getTextContent()).startsWith(QUERY);
        }
    }

    @Test
    void efetchAnswersAFormPostLikeAGet() {
        try (ProviderSimulator simulator = simulator()) {
            List<String> pmids = pmids(esearch(simulator, QUERY, "retmax", "4"));
            String byGet = efetch(simulator, pmids).body();
            String byPost = postForm(URI.create(simulator.pubMedBaseUrl() + "/efetch.fcgi"),
                    "db=pubmed&rettype=abstract&retmode=xml&id=" + String.join("%2C", pmids)).body();

            assertThat(byPost).isEqualTo(byGet);
        }
    }

    @Test
    void clinicalTrialsFiltersByOverallStatusAndWritesSomeDatesAsMonthsOnly() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode completed = json(clinicalTrials(simulator, QUERY, "filter.overallStatus", "COMPLETED", "pageSize", "100"));
            List<String> startDates = new ArrayList<>();
            for (String query : List.of(QUERY, "exercise and depression", "aspirin in pregnancy")) {
                startDates.addAll(texts(json(clinicalTrials(simulator, query, "pageSize", "100")).path("studies"),
                        "protocolSection", "statusModule", "startDateStruct", "date"));
            }

            assertThat(texts(completed.path("studies"), "protocolSection", "statusModule", "overallStatus"))
                    .containsOnly("COMPLETED");
            assertThat(startDates).anyMatch(date -> date.matches("[0-9]{4}-[0-9]{2}"))
                    .anyMatch(date -> date.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}"));
        }
    }

    @Test
    void openAlexAbstractsReadBackFromTheirInvertedIndex() {
        try (ProviderSimulator simulator = simulator()) {
            JsonNode index = json(openAlex(simulator, QUERY)).path("results").path(0).path("abstract_inverted_index");
            Map<Integer, String> words = new java.util.TreeMap<>();
            index.properties().forEach(entry -> entry.getValue().forEach(at -> words.put(at.asInt(), entry.getKey())));

            assertThat(String.join(" ", words.values())).startsWith("Detour's evidence simulator wrote this abstract")
                    .contains(QUERY);
        }
    }
}
