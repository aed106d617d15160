package dev.detour.adapters.europepmc;

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
 * Searches Europe PMC's core results, page by page with {@code cursorMark}, until the query's limit is reached
 * or a page has no {@code nextCursorMark}.
 */
final class EuropePmcSource implements EvidenceSource {

    /** The most pages one search reads, whatever the server says about more. */
    private static final int MAX_PAGES = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EuropePmcSettings settings;
    private final HttpTransport transport;
    private final SearchFailures failures;
    private final ResultMapper results;

    private EuropePmcSource(EuropePmcSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.failures = SearchFailures.of(settings.sourceName(), "Europe PMC search JSON", ErrorBody::words);
        this.results = new ResultMapper(settings.sourceName());
    }

    static EuropePmcSource create(EuropePmcSettings settings) {
        Require.nonNull(settings, "settings");
        return new EuropePmcSource(settings,
                HttpTransport.create(settings.sourceName(), settings.baseUrl(), settings.limits(), Credential.none()));
    }

    @Override
    public List<EvidenceRecord> search(SearchQuery query, CallContext context) {
        Require.nonNull(query, "query");
        Require.nonNull(context, "context");
        List<EvidenceRecord> records = new ArrayList<>();
        Optional<String> cursor = Optional.of("*");
        for (int pages = 0; pages < MAX_PAGES && cursor.isPresent() && records.size() < query.limit(); pages++) {
            String mark = cursor.get();
            SearchPage page = page(query, mark, context);
            page.results().stream().map(results::record).flatMap(Optional::stream)
                    .limit(query.limit() - records.size()).forEach(records::add);
            cursor = page.results().isEmpty() ? Optional.empty() : page.nextCursorMark().filter(next -> !next.equals(mark));
        }
        return List.copyOf(records);
    }

    private SearchPage page(SearchQuery query, String cursorMark, CallContext context) {
        HttpUrl url = transport.baseUrl().newBuilder().addPathSegment("search")
                .addQueryParameter("query", query.text())
                .addQueryParameter("resultType", "core")
                .addQueryParameter("format", "json")
                .addQueryParameter("pageSize", String.valueOf(query.limit()))
                .addQueryParameter("cursorMark", cursorMark)
                .build();
        return transport.exchange(settings.sourceName() + " search", new Request.Builder().url(url).get().build(),
                context.deadline(), failures.reader(this::read));
    }

    private SearchPage read(HttpHead head, byte[] body) {
        JsonNode answer = failures.parsed(head, body, "the search answer", JSON::readTree);
        return SearchPage.of(answer).orElseThrow(() -> failures.inBody(ErrorKind.MALFORMED_RESPONSE, head,
                "the search answer from " + head.host() + " has no resultList.result"));
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "EuropePmcSource[" + settings.sourceName() + " at " + settings.baseUrl() + "]";
    }
}
