package dev.detour.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Europe PMC's REST {@code search} in its {@code resultType=core}, {@code format=json} shape, paged with
 * {@code cursorMark}: every page but the last carries {@code nextCursorMark} and {@code nextPageUrl}.
 */
final class EuropePmcService implements SourceService {

    static final String VERSION = "6.9";
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ArticleIndex index;

    EuropePmcService(ArticleIndex index) {
        this.index = index;
    }

    @Override
    public Outcome answer(SourceRequest request) {
        String query = request.first("query", "");
        String cursor = request.first("cursorMark", "*");
        OptionalInt offset = cursor.equals("*") ? OptionalInt.of(0) : PageToken.offset(cursor);
        if (offset.isEmpty()) {
            return new Refusal(400, ContentTypes.TEXT, "cursorMark " + cursor + " was not handed out by this simulator;"
                    + " start with cursorMark=* and pass on each page's nextCursorMark");
        }
        int pageSize = request.number("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        EvidenceSet evidence = EvidenceSet.of(query);
        index.remember(evidence);
        List<Article> hits = evidence.literature();
        int start = Math.min(offset.getAsInt(), hits.size());
        int end = Math.min(hits.size(), start + pageSize);
        ObjectNode body = NODES.objectNode();
        body.put("version", VERSION);
        body.put("hitCount", hits.size());
        if (end < hits.size()) {
            String next = PageToken.of(end);
            body.put("nextCursorMark", next);
            body.put("nextPageUrl", request.origin() + Source.EUROPE_PMC.root() + "/search?query=" + encode(query)
                    + "&cursorMark=" + next + "&resultType=core&pageSize=" + pageSize + "&format=json");
        }
        body.set("request", echo(request, query, cursor, pageSize));
        ArrayNode results = body.putObject("resultList").putArray("result");
        hits.subList(start, end).forEach(article -> results.add(record(article)));
        return new EvidenceAnswer(ContentTypes.JSON, body.toString(), () -> {
            ObjectNode none = NODES.objectNode();
            none.put("version", VERSION);
            none.put("hitCount", 0);
            none.set("request", echo(request, query, cursor, pageSize));
            none.putObject("resultList").putArray("result");
            return none.toString();
        });
    }

    private static ObjectNode echo(SourceRequest request, String query, String cursor, int pageSize) {
        ObjectNode echo = NODES.objectNode();
        echo.put("queryString", query);
        echo.put("resultType", request.first("resultType", "lite"));
        echo.put("cursorMark", cursor);
        echo.put("pageSize", pageSize);
        echo.put("sort", request.first("sort", ""));
        echo.put("synonym", request.first("synonym", "false").equalsIgnoreCase("true"));
        return echo;
    }

    private static ObjectNode record(Article article) {
        ObjectNode record = NODES.objectNode();
        boolean preprint = article.preprintId().isPresent();
        String year = Integer.toString(article.published().getYear());
        record.put("id", preprint ? article.preprintId().get() : article.pmid().orElseThrow());
        record.put("source", preprint ? "PPR" : "MED");
        article.pmid().ifPresent(pmid -> record.put("pmid", pmid));
        record.put("doi", article.doi());
        record.put("title", Span.html(article.title()));
        record.put("authorString", article.authors().stream().map(Author::shortName).collect(Collectors.joining(", ")) + ".");
        ArrayNode authors = record.putObject("authorList").putArray("author");
        for (Author author : article.authors()) {
            switch (author) {
                case Author.Person person -> authors.addObject().put("fullName", person.shortName())
                        .put("firstName", person.foreName()).put("lastName", person.lastName())
                        .put("initials", person.initials());
                case Author.Collective group -> authors.addObject().put("collectiveName", group.name());
            }
        }
        if (preprint) {
            record.putObject("bookOrReportDetails").put("publisher", article.journal().title())
                    .put("yearOfPublication", article.published().getYear());
        } else {
            ObjectNode journalInfo = record.putObject("journalInfo");
            journalInfo.put("issue", article.issue());
            journalInfo.put("volume", article.volume());
            journalInfo.put("journalIssueId", 9_000_000 + Integer.parseInt(article.volume()) * 100 + Integer.parseInt(article.issue()));
            journalInfo.put("dateOfPublication", article.pubDate());
            journalInfo.put("monthOfPublication", article.published().getMonthValue());
            journalInfo.put("yearOfPublication", article.published().getYear());
            journalInfo.put("printPublicationDate", article.published().withDayOfMonth(1).toString());
            journalInfo.putObject("journal")
                    .put("title", article.journal().title())
                    .put("isoabbreviation", article.journal().isoAbbreviation())
                    .put("medlineAbbreviation", article.journal().isoAbbreviation())
                    .put("essn", article.journal().essn())
                    .put("issn", article.journal().issn());
        }
        record.put("pubYear", year);
        if (!preprint) {
            record.put("pageInfo", article.pages());
        }
        record.put("abstractText", abstractHtml(article));
        if (!preprint) {
            record.put("language", "eng");
            record.put("pubModel", article.medlineDate() ? "Print" : "Print-Electronic");
        }
        ArrayNode types = record.putObject("pubTypeList").putArray("pubType");
        article.design().publicationTypes().forEach(types::add);
        String openAccess = article.isOpenAccess() ? "Y" : "N";
        String inPmc = article.pmcid().isPresent() ? "Y" : "N";
        record.put("isOpenAccess", openAccess);
        record.put("inEPMC", inPmc);
        record.put("inPMC", inPmc);
        record.put("hasPDF", inPmc);
        record.put("citedByCount", article.citedBy());
        if (!preprint) {
            record.put("hasReferences", "Y");
            record.put("firstIndexDate", article.published().plusDays(2).toString());
        }
        record.put("firstPublicationDate", article.published().toString());
        return record;
    }

    private static String abstractHtml(Article article) {
        StringBuilder html = new StringBuilder();
        for (Article.Section section : article.abstractSections()) {
            if (!section.label().isEmpty()) {
                String label = section.label().toLowerCase(Locale.ROOT);
                html.append("<h4>").append(Character.toUpperCase(label.charAt(0))).append(label.substring(1)).append("</h4>");
            }
            html.append(Span.html(section.text()));
        }
        return html.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
