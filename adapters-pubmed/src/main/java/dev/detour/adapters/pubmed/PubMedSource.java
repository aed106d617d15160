package dev.detour.adapters.pubmed;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.transport.Credential;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.SearchFailures;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Searches PubMed in two requests: ESearch finds the PMIDs by relevance, EFetch describes them. Every request
 * carries {@code tool}, {@code email} when configured, and {@code api_key} when there is a key, which the
 * transport adds on the wire and redacts from every answer, so no URL, message or event here holds it.
 */
final class PubMedSource implements EvidenceSource {

    private final PubMedSettings settings;
    private final HttpTransport transport;
    private final SearchFailures failures;
    private final ESearchReader esearch;
    private final EFetchReader efetch;

    private PubMedSource(PubMedSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.failures = SearchFailures.of(settings.sourceName(), "E-utilities data", ErrorBody::words);
        this.esearch = new ESearchReader(failures);
        this.efetch = new EFetchReader(settings.sourceName(), failures);
    }

    static PubMedSource create(PubMedSettings settings) {
        Require.nonNull(settings, "settings");
        return new PubMedSource(settings,
                HttpTransport.create(settings.sourceName(), settings.baseUrl(), settings.limits(),
                        settings.apiKey().map(key -> Credential.queryParameter("api_key", key)).orElse(Credential.none())));
    }

    @Override
    public List<EvidenceRecord> search(SearchQuery query, CallContext context) {
        Require.nonNull(query, "query");
        Require.nonNull(context, "context");
        HttpUrl search = endpoint("esearch.fcgi")
                .addQueryParameter("term", query.text())
                .addQueryParameter("retmode", "json")
                .addQueryParameter("retmax", String.valueOf(query.limit()))
                .addQueryParameter("sort", "relevance")
                .build();
        List<String> ids = exchange("ESearch", search, context, esearch::ids);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> wanted = ids.subList(0, Math.min(ids.size(), query.limit()));
        HttpUrl fetch = endpoint("efetch.fcgi")
                .addQueryParameter("id", String.join(",", wanted))
                .addQueryParameter("rettype", "abstract")
                .addQueryParameter("retmode", "xml")
                .build();
        return exchange("EFetch", fetch, context, efetch::records).stream()
                .filter(record -> wanted.contains(record.id().value()))
                .sorted(Comparator.comparingInt(record -> wanted.indexOf(record.id().value())))
                .limit(query.limit())
                .toList();
    }

    private HttpUrl.Builder endpoint(String path) {
        HttpUrl.Builder url = transport.baseUrl().newBuilder().addPathSegment(path)
                .addQueryParameter("db", "pubmed")
                .addQueryParameter("tool", PubMedSettings.TOOL);
        settings.email().ifPresent(email -> url.addQueryParameter("email", email));
        return url;
    }

    private <T> T exchange(String what, HttpUrl url, CallContext context, BiFunction<HttpHead, byte[], T> body) {
        return transport.exchange(settings.sourceName() + " " + what, new Request.Builder().url(url).get().build(),
                context.deadline(), failures.reader(body));
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "PubMedSource[" + settings.sourceName() + " at " + settings.baseUrl() + "]";
    }
}
