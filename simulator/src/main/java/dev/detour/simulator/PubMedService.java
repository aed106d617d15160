package dev.detour.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * NCBI's E-utilities for PubMed: ESearch (JSON with {@code retmode=json}, else XML), EFetch (PubMed XML)
 * and ESummary (JSON), in the shapes of the recorded fixtures. Like NCBI it answers request mistakes with
 * HTTP 200 and an error in the body.
 */
final class PubMedService implements SourceService {

    static final String JSON = "application/json; charset=UTF-8";
    static final String XML = "text/xml; charset=UTF-8";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> PUBLICATION_TYPE_UIS = Map.of("Journal Article", "D016428",
            "Systematic Review", "D000078182", "Randomized Controlled Trial", "D016449", "Review", "D016454",
            "Preprint", "D000076942");
    private static final DateTimeFormatter EPUB_DATE = DateTimeFormatter.ofPattern("yyyy MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter SORT_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd 00:00", Locale.ROOT);

    private final ArticleIndex index;

    PubMedService(ArticleIndex index) {
        this.index = index;
    }

    @Override
    public Outcome answer(SourceRequest request) {
        return switch (request.endpoint()) {
            case "esearch" -> search(request);
            case "efetch" -> fetch(request);
            case "esummary" -> summary(request);
            default -> throw new IllegalStateException("PubMed has no endpoint " + request.endpoint());
        };
    }

    private Outcome search(SourceRequest request) {
        boolean json = request.first("retmode", "xml").equalsIgnoreCase("json");
        String db = request.first("db", "pubmed");
        if (!db.equals("pubmed")) {
            return refusal(json, "Invalid db name specified: " + db);
        }
        Optional<String> term = request.first("term");
        if (term.isEmpty()) {
            return refusal(json, "Empty term and query_key - nothing todo");
        }
        EvidenceSet evidence = EvidenceSet.of(term.get());
        index.remember(evidence);
        List<Article> papers = evidence.papers();
        int start = Math.min(request.number("retstart", 0, 0, Integer.MAX_VALUE), papers.size());
        int end = Math.min(papers.size(), start + request.number("retmax", 20, 0, 10_000));
        List<String> ids = papers.subList(start, end).stream().map(paper -> paper.pmid().orElseThrow()).toList();
        String translation = translation(evidence.topic().query());
        String empty = json ? emptySearchJson(evidence.topic().query()) : searchXml(0, List.of(), 0, translation);
        String body = papers.isEmpty() ? empty
                : json ? searchJson(papers.size(), ids, start, translation) : searchXml(papers.size(), ids, start, translation);
        return new EvidenceAnswer(json ? JSON : XML, body, () -> empty,
                message -> json ? searchErrorJson(message) : searchErrorXml(message));
    }

    private Outcome fetch(SourceRequest request) {
        List<String> ids = request.list("id");
        if (ids.isEmpty()) {
            return new Refusal(200, XML, fetchError("ID list is empty! Possibly it has no correct IDs."));
        }
        List<Article> found = ids.stream().map(index::find).flatMap(Optional::stream).toList();
        return new EvidenceAnswer(XML, fetchXml(found), () -> fetchXml(List.of()), PubMedService::fetchError);
    }

    private Outcome summary(SourceRequest request) {
        List<String> ids = request.list("id");
        if (ids.isEmpty()) {
            return new Refusal(200, JSON, Payloads.read("ncbi-esummary-empty-id-list.json"));
        }
        ObjectNode body = header("esummary");
        ObjectNode result = body.putObject("result");
        ArrayNode uids = result.putArray("uids");
        for (String id : ids) {
            uids.add(id);
            Optional<Article> paper = index.find(id);
            if (paper.isPresent()) {
                result.set(id, summaryOf(paper.get()));
            } else {
                result.putObject(id).put("uid", id).put("error", "cannot get document summary");
            }
        }
        return new EvidenceAnswer(JSON, body.toString(), () -> {
            ObjectNode none = header("esummary");
            none.putObject("result").putArray("uids");
            return none.toString();
        }, message -> {
            ObjectNode error = header("esummary");
            error.putArray("esummaryresult").add(message);
            return error.toString();
        });
    }

    private static Refusal refusal(boolean json, String message) {
        return new Refusal(200, json ? JSON : XML, json ? searchErrorJson(message) : searchErrorXml(message));
    }

    private static ObjectNode header(String type) {
        ObjectNode body = NODES.objectNode();
        body.putObject("header").put("type", type).put("version", "0.3");
        return body;
    }

    private static String translation(String query) {
        return List.of(query.split("\\s+")).stream()
                .map(word -> word.replaceAll("[\"\\[\\]()?!.,;:]", "").toLowerCase(Locale.ROOT))
                .filter(word -> !word.isEmpty())
                .map(word -> "\"" + word + "\"[All Fields]")
                .collect(Collectors.joining(" AND "));
    }

    private static String searchJson(int count, List<String> ids, int start, String translation) {
        ObjectNode body = header("esearch");
        ObjectNode result = body.putObject("esearchresult");
        result.put("count", Integer.toString(count));
        result.put("retmax", Integer.toString(ids.size()));
        result.put("retstart", Integer.toString(start));
        ArrayNode idList = result.putArray("idlist");
        ids.forEach(idList::add);
        result.putArray("translationset");
        result.put("querytranslation", translation);
        return body.toString();
    }

    private static String emptySearchJson(String term) {
        ObjectNode body = header("esearch");
        ObjectNode result = body.putObject("esearchresult");
        result.put("count", "0").put("retmax", "0").put("retstart", "0");
        result.putArray("idlist");
        result.putArray("translationset");
        result.put("querytranslation", "(" + term + "[All Fields])");
        ObjectNode errors = result.putObject("errorlist");
        errors.putArray("phrasesnotfound").add(term);
        errors.putArray("fieldsnotfound");
        ObjectNode warnings = result.putObject("warninglist");
        warnings.putArray("phrasesignored");
        warnings.putArray("quotedphrasesnotfound");
        warnings.putArray("outputmessages").add("No items found.");
        return body.toString();
    }

    private static String searchErrorJson(String message) {
        ObjectNode body = header("esearch");
        body.putObject("esearchresult").put("ERROR", message);
        return body.toString();
    }

    private static String searchXml(int count, List<String> ids, int start, String translation) {
        Document document = Xml.document();
        Element root = Xml.add(document, "eSearchResult");
        Xml.add(root, "Count", Integer.toString(count));
        Xml.add(root, "RetMax", Integer.toString(ids.size()));
        Xml.add(root, "RetStart", Integer.toString(start));
        Element idList = Xml.add(root, "IdList");
        ids.forEach(id -> Xml.add(idList, "Id", id));
        Xml.add(root, "TranslationSet");
        Xml.add(root, "QueryTranslation", translation);
        if (count == 0) {
            Xml.add(Xml.add(root, "WarningList"), "OutputMessage", "No items found.");
        }
        return searchDocument(document);
    }

    private static String searchErrorXml(String message) {
        Document document = Xml.document();
        Xml.add(Xml.add(document, "eSearchResult"), "ERROR", message);
        return searchDocument(document);
    }

    private static String searchDocument(Document document) {
        return Xml.write(document, "-//NLM//DTD esearch 20060628//EN",
                "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd");
    }

    private static String fetchError(String message) {
        Document document = Xml.document();
        Xml.add(Xml.add(document, "eFetchResult"), "ERROR", message);
        return Xml.write(document, "-//NLM//DTD efetch 20131226//EN",
                "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd");
    }

    private static String fetchXml(List<Article> papers) {
        Document document = Xml.document();
        Element set = Xml.add(document, "PubmedArticleSet");
        for (Article paper : papers) {
            Element article = Xml.add(set, "PubmedArticle");
            Element citation = Xml.add(article, "MedlineCitation");
            citation.setAttribute("Status", "MEDLINE");
            citation.setAttribute("Owner", "NLM");
            Xml.add(citation, "PMID", paper.pmid().orElseThrow()).setAttribute("Version", "1");
            citation.appendChild(articleOf(document, paper));
            Element data = Xml.add(article, "PubmedData");
            Xml.add(data, "PublicationStatus", paper.medlineDate() ? "ppublish" : "epublish");
            Element ids = Xml.add(data, "ArticleIdList");
            Xml.add(ids, "ArticleId", paper.pmid().orElseThrow()).setAttribute("IdType", "pubmed");
            Xml.add(ids, "ArticleId", paper.doi()).setAttribute("IdType", "doi");
            paper.pmcid().ifPresent(pmcid -> Xml.add(ids, "ArticleId", pmcid).setAttribute("IdType", "pmc"));
        }
        return Xml.write(document, "-//NLM//DTD PubMedArticle, 1st January 2025//EN",
                "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd");
    }

    private static Element articleOf(Document document, Article paper) {
        boolean print = paper.medlineDate();
        Element article = document.createElement("Article");
        article.setAttribute("PubModel", print ? "Print" : "Print-Electronic");
        Element journal = Xml.add(article, "Journal");
        Xml.add(journal, "ISSN", print ? paper.journal().issn() : paper.journal().essn())
                .setAttribute("IssnType", print ? "Print" : "Electronic");
        Element issue = Xml.add(journal, "JournalIssue");
        issue.setAttribute("CitedMedium", print ? "Print" : "Internet");
        Xml.add(issue, "Volume", paper.volume());
        Xml.add(issue, "Issue", paper.issue());
        Element date = Xml.add(issue, "PubDate");
        if (print) {
            String next = paper.published().plusMonths(1).getMonth()
                    .getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            Xml.add(date, "MedlineDate", paper.pubDate() + "-" + next);
        } else {
            Xml.add(date, "Year", Integer.toString(paper.published().getYear()));
            Xml.add(date, "Month", paper.month());
        }
        Xml.add(journal, "Title", paper.journal().title());
        Xml.add(journal, "ISOAbbreviation", paper.journal().isoAbbreviation());
        Xml.spans(Xml.add(article, "ArticleTitle"), paper.title());
        Xml.add(Xml.add(article, "Pagination"), "MedlinePgn", paper.pages());
        Element location = Xml.add(article, "ELocationID", paper.doi());
        location.setAttribute("EIdType", "doi");
        location.setAttribute("ValidYN", "Y");
        Element abstractElement = Xml.add(article, "Abstract");
        for (Article.Section section : paper.abstractSections()) {
            Element text = Xml.spans(Xml.add(abstractElement, "AbstractText"), section.text());
            if (!section.label().isEmpty()) {
                text.setAttribute("Label", section.label());
                text.setAttribute("NlmCategory", section.label());
            }
        }
        if (paper.abstractSections().size() > 1) {
            Xml.add(abstractElement, "CopyrightInformation", "Simulated record: no copyright applies.");
        }
        Element authors = Xml.add(article, "AuthorList");
        authors.setAttribute("CompleteYN", "Y");
        for (Author author : paper.authors()) {
            Element element = Xml.add(authors, "Author");
            element.setAttribute("ValidYN", "Y");
            switch (author) {
                case Author.Person person -> {
                    Xml.add(element, "LastName", person.lastName());
                    Xml.add(element, "ForeName", person.foreName());
                    Xml.add(element, "Initials", person.initials());
                    person.suffix().ifPresent(suffix -> Xml.add(element, "Suffix", suffix));
                    person.affiliation().ifPresent(affiliation ->
                            Xml.add(Xml.add(element, "AffiliationInfo"), "Affiliation", affiliation));
                }
                case Author.Collective group -> Xml.add(element, "CollectiveName", group.name());
            }
        }
        Xml.add(article, "Language", "eng");
        Element types = Xml.add(article, "PublicationTypeList");
        for (String type : paper.design().publicationTypes()) {
            Xml.add(types, "PublicationType", type).setAttribute("UI", PUBLICATION_TYPE_UIS.get(type));
        }
        return article;
    }

    private static ObjectNode summaryOf(Article paper) {
        ObjectNode summary = NODES.objectNode();
        String pmid = paper.pmid().orElseThrow();
        summary.put("uid", pmid);
        summary.put("pubdate", paper.pubDate());
        summary.put("epubdate", paper.medlineDate() ? "" : paper.published().minusDays(40).format(EPUB_DATE));
        summary.put("source", paper.journal().isoAbbreviation());
        ArrayNode authors = summary.putArray("authors");
        for (Author author : paper.authors()) {
            authors.addObject().put("name", author.shortName())
                    .put("authtype", author instanceof Author.Collective ? "CollectiveName" : "Author")
                    .put("clusterid", "");
        }
        summary.put("lastauthor", paper.authors().getLast().shortName());
        summary.put("title", paper.plainTitle());
        summary.put("volume", paper.volume());
        summary.put("issue", paper.issue());
        summary.put("pages", paper.pages());
        summary.putArray("lang").add("eng");
        summary.put("issn", paper.journal().issn());
        summary.put("essn", paper.journal().essn());
        ArrayNode types = summary.putArray("pubtype");
        paper.design().publicationTypes().forEach(types::add);
        ArrayNode ids = summary.putArray("articleids");
        ids.addObject().put("idtype", "pubmed").put("idtypen", 1).put("value", pmid);
        ids.addObject().put("idtype", "doi").put("idtypen", 3).put("value", paper.doi());
        paper.pmcid().ifPresent(pmcid -> ids.addObject().put("idtype", "pmc").put("idtypen", 8).put("value", pmcid));
        summary.put("fulljournalname", paper.journal().title());
        summary.put("elocationid", "doi: " + paper.doi());
        summary.put("sortpubdate", paper.published().withDayOfMonth(1).format(SORT_DATE));
        summary.put("pubstatus", "256");
        summary.put("recordstatus", "PubMed - indexed for MEDLINE");
        summary.putArray("attributes").add("Has Abstract");
        return summary;
    }
}
