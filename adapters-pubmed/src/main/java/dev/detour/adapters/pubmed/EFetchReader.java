package dev.detour.adapters.pubmed;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.model.ErrorKind;
import dev.detour.transport.HttpHead;
import dev.detour.transport.SearchFailures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an EFetch PubMed XML answer into records. The parser never reads a DTD or an external entity (the
 * answer names NCBI's DTD; a hostile one could name a local file). Mixed-content titles and abstracts are
 * flattened to text, and an {@code <ERROR>} element is NCBI failing to fetch, not an empty result.
 */
final class EFetchReader {

    private static final XMLInputFactory FACTORY = safeFactory();

    private final String source;
    private final SearchFailures failures;

    EFetchReader(String source, SearchFailures failures) {
        this.source = source;
        this.failures = failures;
    }

    List<EvidenceRecord> records(HttpHead head, byte[] body) {
        ErrorBody.notData(failures, head, new String(body, StandardCharsets.UTF_8)).ifPresent(failure -> {
            throw failure;
        });
        try {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                return read(xml, head);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof dev.detour.core.evidence.SearchFailedException failure) {
                throw failure;
            }
            throw failures.unreadable(head, "the EFetch answer", e);
        }
    }

    private List<EvidenceRecord> read(XMLStreamReader xml, HttpHead head) throws XMLStreamException {
        List<EvidenceRecord> records = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        PubMedArticle article = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (path.pop().equals("PubmedArticle") && article != null) {
                    article.record(source).ifPresent(records::add);
                    article = null;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            String parent = path.isEmpty() ? "" : path.peek();
            if (name.equals("ERROR")) {
                throw failures.inBody(ErrorKind.PROVIDER_UNAVAILABLE, head, "EFetch failed: " + text(xml));
            }
            if (name.equals("PubmedArticle")) {
                article = new PubMedArticle();
            } else if (article != null && readInto(article, xml, name, parent, path)) {
                continue;
            }
            path.push(name);
        }
        return records;
    }

    /** Reads the element {@code name} into {@code article} if it is one the record needs; true if it consumed it. */
    private static boolean readInto(PubMedArticle article, XMLStreamReader xml, String name, String parent,
            Deque<String> path) throws XMLStreamException {
        boolean inReferences = path.contains("ReferenceList") || path.contains("CommentsCorrectionsList");
        switch (name) {
            case "PMID" -> {
                if (!parent.equals("MedlineCitation")) {
                    return false;
                }
                article.pmid = text(xml);
            }
            case "ArticleTitle" -> article.title = text(xml);
            case "VernacularTitle" -> article.vernacularTitle = text(xml);
            case "Title" -> {
                if (!parent.equals("Journal")) {
                    return false;
                }
                article.journal = text(xml);
            }
            case "Year", "Month", "Day", "MedlineDate" -> {
                if (!parent.equals("PubDate")) {
                    return false;
                }
                article.date(name, text(xml));
            }
            case "AbstractText" -> {
                String label = xml.getAttributeValue(null, "Label");
                article.abstractPart(label, text(xml));
            }
            case "Author" -> {
                if (inReferences) {
                    return false;
                }
                article.author(author(xml));
            }
            case "ELocationID" -> {
                String type = xml.getAttributeValue(null, "EIdType");
                article.otherId(type, text(xml));
            }
            case "ArticleId" -> {
                if (inReferences || !path.contains("PubmedData")) {
                    return false;
                }
                String type = xml.getAttributeValue(null, "IdType");
                article.otherId(type, text(xml));
            }
            case "PublicationType" -> article.publicationTypes.add(text(xml));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String author(XMLStreamReader xml) throws XMLStreamException {
        String last = "";
        String fore = "";
        String initials = "";
        String collective = "";
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("Author")) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "LastName" -> last = text(xml);
                    case "ForeName" -> fore = text(xml);
                    case "Initials" -> initials = text(xml);
                    case "CollectiveName" -> collective = text(xml);
                    default -> { }
                }
            }
        }
        if (!collective.isBlank()) {
            return collective;
        }
        return (last + " " + (initials.isBlank() ? fore : initials)).strip();
    }

    /** The text of the current element and everything inside it (such as {@code <i>}), up to its end. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(xml.getText());
                default -> { }
            }
        }
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
