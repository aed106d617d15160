package dev.detour.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * OpenAlex's {@code /works?search=}: works with {@code abstract_inverted_index} instead of an abstract, paged
 * by {@code page}/{@code per_page} or by {@code cursor}. Since February 2026 OpenAlex wants an
 * {@code api_key}; without one the simulator refuses at once with 403.
 */
final class OpenAlexService implements SourceService {

    static final String KEY_REQUIRED = "openalex-error-403-api-key-required.json";
    static final int DEFAULT_PER_PAGE = 25;
    static final int MAX_PER_PAGE = 200;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ROOT = "https://openalex.org/";

    private final ArticleIndex index;

    OpenAlexService(ArticleIndex index) {
        this.index = index;
    }

    @Override
    public Outcome answer(SourceRequest request) {
        if (request.first("api_key").isEmpty()) {
            return new Refusal(403, ContentTypes.JSON, Payloads.read(KEY_REQUIRED));
        }
        boolean cursorPaging = request.first("cursor").isPresent();
        OptionalInt offset = request.first("cursor")
                .map(cursor -> cursor.equals("*") ? OptionalInt.of(0) : PageToken.offset(cursor))
                .orElse(OptionalInt.empty());
        int perPage = request.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        int page = request.number("page", 1, 1, Integer.MAX_VALUE / MAX_PER_PAGE);
        if (cursorPaging && offset.isEmpty()) {
            return new Refusal(400, ContentTypes.JSON, NODES.objectNode().put("error", "Invalid cursor")
                    .put("message", "this cursor was not handed out by the simulator; start with cursor=*").toString());
        }
        EvidenceSet evidence = EvidenceSet.of(request.first("search", ""));
        index.remember(evidence);
        List<Article> works = evidence.works();
        int start = Math.min(cursorPaging ? offset.getAsInt() : (page - 1) * perPage, works.size());
        int end = Math.min(works.size(), start + perPage);
        int responseTime = 20 + evidence.topic().pick(0, 300, 80);
        ObjectNode body = NODES.objectNode();
        meta(body, works.size(), responseTime, cursorPaging, page, perPage,
                cursorPaging && end < works.size() ? PageToken.of(end) : null);
        ArrayNode results = body.putArray("results");
        works.subList(start, end).forEach(work -> results.add(work(work)));
        body.putArray("group_by");
        return new EvidenceAnswer(ContentTypes.JSON, body.toString(), () -> {
            ObjectNode none = NODES.objectNode();
            meta(none, 0, responseTime, cursorPaging, page, perPage, null);
            none.putArray("results");
            none.putArray("group_by");
            return none.toString();
        });
    }

    private static void meta(ObjectNode body, int count, int responseTime, boolean cursorPaging, int page, int perPage,
            String nextCursor) {
        ObjectNode meta = body.putObject("meta");
        meta.put("count", count);
        meta.put("db_response_time_ms", responseTime);
        if (cursorPaging) {
            meta.putNull("page");
        } else {
            meta.put("page", page);
        }
        meta.put("per_page", perPage);
        if (cursorPaging) {
            meta.put("next_cursor", nextCursor);
        }
        meta.putNull("groups_count");
    }

    private static ObjectNode work(Article article) {
        ObjectNode work = NODES.objectNode();
        String id = ROOT + "W" + article.openAlexId();
        String doi = "https://doi.org/" + article.doi();
        boolean preprint = article.preprintId().isPresent();
        work.put("id", id);
        work.put("doi", doi);
        work.put("title", article.plainTitle());
        work.put("display_name", article.plainTitle());
        work.put("publication_year", article.published().getYear());
        work.put("publication_date", article.published().toString());
        ObjectNode ids = work.putObject("ids");
        ids.put("openalex", id);
        ids.put("doi", doi);
        ids.put("mag", Long.toString(article.openAlexId()));
        article.pmid().ifPresent(pmid -> ids.put("pmid", "https://pubmed.ncbi.nlm.nih.gov/" + pmid));
        article.pmcid().ifPresent(pmcid -> ids.put("pmcid", "https://www.ncbi.nlm.nih.gov/pmc/articles/" + pmcid.substring(3)));
        work.put("language", "en");
        work.put("type", article.design().openAlexType());
        boolean open = article.isOpenAccess();
        String pdf = open ? "https://example.org/simulated/" + article.doi() + ".pdf" : null;
        ObjectNode openAccess = work.putObject("open_access");
        openAccess.put("is_oa", open);
        openAccess.put("oa_status", open ? (preprint ? "green" : "gold") : "closed");
        openAccess.put("oa_url", pdf);
        openAccess.put("any_repository_has_fulltext", open);
        ArrayNode authorships = work.putArray("authorships");
        for (int n = 0; n < article.authors().size(); n++) {
            Author author = article.authors().get(n);
            ObjectNode authorship = authorships.addObject();
            authorship.put("author_position", n == 0 ? "first" : n == article.authors().size() - 1 ? "last" : "middle");
            authorship.putObject("author")
                    .put("id", ROOT + "A9" + Math.floorMod((article.openAlexId() * 31 + n) * 0x9E3779B9L, 1_000_000_000L))
                    .put("display_name", author.displayName())
                    .putNull("orcid");
            authorship.putArray("institutions");
            authorship.put("raw_affiliation_string", author instanceof Author.Person person
                    ? person.affiliation().orElse("") : "");
        }
        work.put("cited_by_count", article.citedBy());
        if (open) {
            work.putObject("best_oa_location").put("is_oa", true).put("landing_page_url", doi).put("pdf_url", pdf)
                    .put("license", "cc-by").put("version", preprint ? "submittedVersion" : "publishedVersion");
        } else {
            work.putNull("best_oa_location");
        }
        ObjectNode primary = work.putObject("primary_location");
        primary.put("is_oa", open);
        primary.put("landing_page_url", doi);
        primary.put("pdf_url", pdf);
        primary.putObject("source")
                .put("id", ROOT + "S9" + Math.floorMod(article.journal().title().hashCode(), 100_000_000))
                .put("display_name", article.journal().title())
                .put("type", preprint ? "repository" : "journal");
        work.putArray("concepts").addObject()
                .put("id", ROOT + "C9" + Math.floorMod(article.journal().title().hashCode() * 7L, 100_000_000L))
                .put("display_name", "Simulated topic")
                .put("level", 2)
                .put("score", 0.5);
        invertedIndex(work.putObject("abstract_inverted_index"), article.abstractText());
        return work;
    }

    private static void invertedIndex(ObjectNode index, String text) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        String[] words = text.split("\\s+");
        for (int position = 0; position < words.length; position++) {
            positions.computeIfAbsent(words[position], word -> new ArrayList<>()).add(position);
        }
        positions.forEach((word, at) -> at.forEach(index.putArray(word)::add));
    }
}
