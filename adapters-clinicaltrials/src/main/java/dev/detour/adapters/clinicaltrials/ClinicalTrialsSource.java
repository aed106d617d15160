package dev.detour.adapters.clinicaltrials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.transport.Credential;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.SearchFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Searches ClinicalTrials.gov's studies, page by page with {@code pageToken}, until the query's limit is reached
 * or a page has no {@code nextPageToken}; only the first page asks for {@code countTotal}.
 */
final class ClinicalTrialsSource implements EvidenceSource {

    /** The most pages one search reads, whatever the server says about more. */
    private static final int MAX_PAGES = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClinicalTrialsSettings settings;
    private final HttpTransport transport;
    private final SearchFailures failures;
    private final StudyMapper studies;

    private ClinicalTrialsSource(ClinicalTrialsSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.failures = SearchFailures.of(settings.sourceName(), "ClinicalTrials.gov studies JSON",
                text -> Optional.empty());
        this.studies = new StudyMapper(settings.sourceName());
    }

    static ClinicalTrialsSource create(ClinicalTrialsSettings settings) {
        Require.nonNull(settings, "settings");
        return new ClinicalTrialsSource(settings,
                HttpTransport.create(settings.sourceName(), settings.baseUrl(), settings.limits(), Credential.none()));
    }

    @Override
    public List<EvidenceRecord> search(SearchQuery query, CallContext context) {
        Require.nonNull(query, "query");
        Require.nonNull(context, "context");
        List<EvidenceRecord> records = new ArrayList<>();
        Optional<String> token = Optional.empty();
        for (int pages = 0; pages < MAX_PAGES && records.size() < query.limit(); pages++) {
            Optional<String> sent = token;
            StudiesPage page = page(query, sent, context);
            page.studies().stream().map(studies::record).flatMap(Optional::stream)
                    .limit(query.limit() - records.size()).forEach(records::add);
            token = page.studies().isEmpty() ? Optional.empty() : page.nextPageToken().filter(next -> !sent.equals(Optional.of(next)));
            if (token.isEmpty()) {
                break;
            }
        }
        return List.copyOf(records);
    }

    private StudiesPage page(SearchQuery query, Optional<String> pageToken, CallContext context) {
        HttpUrl.Builder url = transport.baseUrl().newBuilder().addPathSegment("studies")
                .addQueryParameter("query.term", query.text())
                .addQueryParameter("pageSize", String.valueOf(query.limit()))
                .addQueryParameter("format", "json");
        pageToken.ifPresentOrElse(token -> url.addQueryParameter("pageToken", token),
                () -> url.addQueryParameter("countTotal", "true"));
        return transport.exchange(settings.sourceName() + " studies", new Request.Builder().url(url.build()).get().build(),
                context.deadline(), failures.reader(this::read));
    }

    private StudiesPage read(HttpHead head, byte[] body) {
        JsonNode answer = failures.parsed(head, body, "the studies answer", JSON::readTree);
        return StudiesPage.of(answer).orElseThrow(() -> failures.inBody(ErrorKind.MALFORMED_RESPONSE, head,
                "the studies answer from " + head.host() + " has no studies array"));
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "ClinicalTrialsSource[" + settings.sourceName() + " at " + settings.baseUrl() + "]";
    }
}
