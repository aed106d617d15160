package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.chatUrl;
import static dev.detour.simulator.SimulatorClient.post;
import static dev.detour.simulator.SimulatorClient.routerChatUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RecordingTest {

    private static final String TOKEN = "hf_FakeRecordingToken123";

    @Test
    void recordsMethodPathHeadersAndBodyWithTheAuthorizationMaskedAfterFourCharacters() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("recording").build())) {
            String body = chat("Qwen/Qwen2.5-7B-Instruct", "Record me");
            post(routerChatUrl(simulator), body, "Authorization", "Bearer " + TOKEN, "X-Trace", "t-1");

            RecordedRequest request = simulator.requests().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hf/v1/chat/completions");
            assertThat(request.body()).isEqualTo(body);
            assertThat(request.model()).isEqualTo("hf:Qwen/Qwen2.5-7B-Instruct");
            assertThat(request.header("authorization")).hasValue("Bear****");
            assertThat(request.header("X-TRACE")).hasValue("t-1");
            assertThat(request.headers()).containsKey("content-type");
            assertThat(request.toString()).doesNotContain(TOKEN).doesNotContain("abcdefgh");
        }
    }

    @Test
    void masksOtherCredentialHeadersToo() {
        assertThat(Recorder.masked("x-api-key", "sk-proj-1234567890")).isEqualTo("sk-p****");
        assertThat(Recorder.masked("Api-Key", "abc")).isEqualTo("****");
        assertThat(Recorder.masked("Accept", "application/json")).isEqualTo("application/json");
    }

    @Test
    void recordsRequestsInArrivalOrderAndFindsThemByModel() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("order").build())) {
            post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "first"));
            post(routerChatUrl(simulator), chat("Qwen/Qwen2.5-7B-Instruct", "second"));
            post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "third"));

            assertThat(simulator.requests()).extracting(RecordedRequest::model)
                    .containsExactly("openai:gpt-4o-mini", "hf:Qwen/Qwen2.5-7B-Instruct", "openai:gpt-4o-mini");
            assertThat(simulator.requestsFor("openai:gpt-4o-mini")).extracting(RecordedRequest::body)
                    .allSatisfy(body -> assertThat(body).contains("gpt-4o-mini"))
                    .hasSize(2);
            assertThat(simulator.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void recordsEvenTheRequestsItRefuses() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("refused").build())) {
            post(routerChatUrl(simulator), "{not json");
            post(URI.create(simulator.huggingFaceBaseUrl() + "/nowhere"), "{}");

            assertThat(simulator.requests()).extracting(RecordedRequest::body).containsExactly("{not json", "{}");
            assertThat(simulator.requests()).extracting(RecordedRequest::model).containsExactly("", "");
        }
    }

    @Test
    void keepsOnlyCountsWhenToldTo() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("counts").build(),
                ProviderSimulator.Recording.COUNTS_ONLY)) {
            post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "one"));
            post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "two"));
            post(routerChatUrl(simulator), chat("Qwen/Qwen2.5-7B-Instruct:novita", "three"));

            assertThat(simulator.requests()).isEmpty();
            assertThat(simulator.requestCount("openai:gpt-4o-mini")).isEqualTo(2);
            assertThat(simulator.requestCount("hf:Qwen/Qwen2.5-7B-Instruct")).isEqualTo(1);
            assertThat(simulator.requestCount("hf:Qwen/Qwen2.5-7B-Instruct:together")).isZero();
            assertThat(simulator.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void masksTheApiKeyParameterInTheTargetAndInAFormBodyAsItMasksAuthorization() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("keys").build())) {
            EvidenceClient.openAlex(simulator, "asthma");
            EvidenceClient.get(URI.create(simulator.pubMedBaseUrl() + "/esearch.fcgi?db=pubmed&term=asthma&api_key=ncbiKey987654&retmode=json"));
            EvidenceClient.postForm(URI.create(simulator.pubMedBaseUrl() + "/efetch.fcgi"), "db=pubmed&id=1&API_KEY=ncbiKey987654");

            assertThat(simulator.requests()).extracting(RecordedRequest::path).containsExactly(
                    "/openalex/works?search=asthma&api_key=oa-F****",
                    "/eutils/esearch.fcgi?db=pubmed&term=asthma&api_key=ncbi****&retmode=json",
                    "/eutils/efetch.fcgi");
            assertThat(simulator.requests().getLast().body()).isEqualTo("db=pubmed&id=1&API_KEY=ncbi****");
            assertThat(simulator.requests().toString()).doesNotContain(EvidenceClient.KEY, "ncbiKey987654");
        }
    }

    @Test
    void masksKeyParametersOnlyByTheirName() {
        assertThat(Recorder.maskedParameters("/w?api_key=abc&my_api_key=secretvalue&apikey=abcdefgh"))
                .isEqualTo("/w?api_key=****&my_api_key=secretvalue&apikey=abcd****");
        assertThat(Recorder.maskedParameters("/w?search=api_key%3Dx")).isEqualTo("/w?search=api_key%3Dx");
    }

    @Test
    void findsSourceRequestsBySourceAndByEndpoint() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("sources").build())) {
            var search = EvidenceClient.esearch(simulator, "asthma");
            EvidenceClient.efetch(simulator, EvidenceClient.pmids(search));
            EvidenceClient.clinicalTrials(simulator, "asthma");
            post(chatUrl(simulator.openAiBaseUrl()), chat("gpt-4o-mini", "one"));

            assertThat(simulator.requestsFor("pubmed")).extracting(RecordedRequest::source)
                    .containsExactly("pubmed:esearch", "pubmed:efetch");
            assertThat(simulator.requestsFor("pubmed:efetch")).hasSize(1);
            assertThat(simulator.requestsFor("clinicaltrials")).extracting(RecordedRequest::model).containsExactly("");
            assertThat(simulator.requestsFor("openai:*")).extracting(RecordedRequest::source).containsExactly("");
            assertThat(simulator.requestCount("europepmc")).isZero();
            assertThat(simulator.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void countsSourceRequestsWhenOnlyCounting() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("counts").build(),
                ProviderSimulator.Recording.COUNTS_ONLY)) {
            EvidenceClient.europePmc(simulator, "asthma");
            EvidenceClient.europePmc(simulator, "asthma");
            EvidenceClient.openAlex(simulator, "asthma");

            assertThat(simulator.requests()).isEmpty();
            assertThat(simulator.requestCount("europepmc")).isEqualTo(2);
            assertThat(simulator.requestCount("europepmc:search")).isEqualTo(2);
            assertThat(simulator.requestCount("openalex")).isEqualTo(1);
        }
    }

    @Test
    void refusesAKeyThatNamesNeitherAModelNorASource() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("keys").build())) {
            assertThatThrownBy(() -> simulator.requestCount("crossref"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("; or name an evidence source: pubmed, europepmc, clinicaltrials, openalex"
                            + " (one endpoint as in \"pubmed:esearch\")");
            assertThatThrownBy(() -> simulator.requestCount("pubmed:efetchx"))
                    .hasMessage("\"efetchx\" is not an endpoint of pubmed; its endpoints: efetch, esearch, esummary");
        }
    }
}
