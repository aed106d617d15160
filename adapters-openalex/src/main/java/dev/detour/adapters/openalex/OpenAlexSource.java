package dev.detour.adapters.openalex;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Searches OpenAlex's works in one request of up to the query's limit, with the key in {@code api_key}, which
 * the transport adds on the wire and redacts from every answer, so no URL, message or event here holds it.
 */
final class OpenAlexSource implements EvidenceSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAlexSettings settings;
    private final HttpTransport transport;
    private final SearchFailures failures;
    private final WorkMapper works;

    private OpenAlexSource(OpenAlexSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.failures = SearchFailures.of(settings.sourceName(), "OpenAlex works JSON", ErrorBody::words);
        this.works = new WorkMapper(settings.sourceName());
    }

    static OpenAlexSource create(OpenAlexSettings settings) {
        Require.nonNull(settings, "settings");
        return new OpenAlexSource(settings,
                HttpTransport.create(settings.sourceName(), settings.baseUrl(), settings.limits(),
                        Credential.queryParameter("api_key", settings.apiKey())));
    }

    @Override
    public List<EvidenceRecord> search(SearchQuery query, CallContext context) {
        Require.nonNull(query, "query");
        Require.nonNull(context, "context");
        HttpUrl url = transport.baseUrl().newBuilder().addPathSegment("works")
                .addQueryParameter("search", query.text())
                .addQueryParameter("per_page", String.valueOf(query.limit()))
                .build();
        List<JsonNode> results = transport.exchange(settings.sourceName() + " works search",
                new Request.Builder().url(url).get().build(), context.deadline(), failures.reader(this::read));
        return results.stream().map(works::record).flatMap(Optional::stream).limit(query.limit()).toList();
    }

    private List<JsonNode> read(HttpHead head, byte[] body) {
        JsonNode answer = failures.parsed(head, body, "the works answer", JSON::readTree);
        JsonNode results = answer.path("results");
        if (!results.isArray()) {
            throw failures.inBody(ErrorKind.MALFORMED_RESPONSE, head, "the works answer from " + head.host()
                    + " has no results array");
        }
        List<JsonNode> list = new ArrayList<>();
        results.forEach(list::add);
        return list;
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "OpenAlexSource[" + settings.sourceName() + " at " + settings.baseUrl() + "]";
    }
}
