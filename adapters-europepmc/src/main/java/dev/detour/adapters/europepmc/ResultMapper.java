package dev.detour.adapters.europepmc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one core search result into a record: its id is the PMID when there is one, else the PMCID, else the
 * DOI, and the others become cross ids so that PubMed's record of the same paper deduplicates with it. A
 * result with none of the three is left out: Detour has no register for Europe PMC's own ids.
 */
final class ResultMapper {

    private static final Pattern HEADING = Pattern.compile("(?is)<h[1-6][^>]*>(.*?)</h[1-6]>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SOURCE_AND_ID = Pattern.compile("[A-Z]{3}");

    private final String source;

    ResultMapper(String source) {
        this.source = source;
    }

    Optional<EvidenceRecord> record(JsonNode result) {
        List<EvidenceId> ids = new ArrayList<>();
        EvidenceId.ofValid(EvidenceId.Scheme.PMID, text(result, "pmid")).ifPresent(ids::add);
        EvidenceId.ofValid(EvidenceId.Scheme.PMCID, text(result, "pmcid")).ifPresent(ids::add);
        EvidenceId.ofValid(EvidenceId.Scheme.DOI, text(result, "doi")).ifPresent(ids::add);
        String title = plain(text(result, "title"));
        if (ids.isEmpty() || title.isBlank()) {
            return Optional.empty();
        }
        JsonNode journal = result.path("journalInfo");
        EvidenceRecord.Builder record = EvidenceRecord.builder(source, ids.getFirst(), title)
                .crossIds(ids.subList(1, ids.size()))
                .authors(authors(result))
                .published(published(result))
                .venue(Optional.ofNullable(text(journal.path("journal"), "title"))
                        .orElse(text(result.path("bookOrReportDetails"), "publisher")))
                .kind(kind(result))
                .summary(plain(text(result, "abstractText")));
        page(result).ifPresent(record::url);
        return Optional.of(record.build());
    }

    /** Text with its HTML removed: headings become {@code Heading:}, tags go, entities are decoded. */
    static String plain(String html) {
        if (html == null) {
            return "";
        }
        String text = HEADING.matcher(html).replaceAll(heading -> " " + heading.group(1).strip() + ": ");
        text = TAG.matcher(text).replaceAll(" ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
        return text.replaceAll("\\s+", " ").replaceAll(" ([.,;:)])", "$1").replace("( ", "(").strip();
    }

    private static EvidenceKind kind(JsonNode result) {
        List<String> types = new ArrayList<>();
        result.path("pubTypeList").path("pubType").forEach(type -> types.add(type.asText().toLowerCase(Locale.ROOT)));
        if (result.path("pubTypeList").path("pubType").isTextual()) {
            types.add(result.path("pubTypeList").path("pubType").asText().toLowerCase(Locale.ROOT));
        }
        if ("PPR".equals(text(result, "source")) || types.contains("preprint")) {
            return EvidenceKind.PREPRINT;
        }
        if (types.stream().anyMatch(type -> type.equals("review") || type.equals("review-article")
                || type.equals("systematic review") || type.equals("meta-analysis"))) {
            return EvidenceKind.REVIEW;
        }
        return EvidenceKind.ARTICLE;
    }

    private static List<String> authors(JsonNode result) {
        List<String> authors = new ArrayList<>();
        result.path("authorList").path("author").forEach(author -> {
            String name = Optional.ofNullable(text(author, "fullName")).orElse(text(author, "collectiveName"));
            if (name != null) {
                authors.add(name);
            }
        });
        return authors;
    }

    private static String published(JsonNode result) {
        JsonNode journal = result.path("journalInfo");
        int year = journal.path("yearOfPublication").asInt(0);
        int month = journal.path("monthOfPublication").asInt(0);
        if (year >= 1000 && year <= 2999) {
            return month >= 1 && month <= 12 ? "%d-%02d".formatted(year, month) : String.valueOf(year);
        }
        String pubYear = text(result, "pubYear");
        return pubYear != null && pubYear.matches("[12][0-9]{3}") ? pubYear : null;
    }

    private static Optional<URI> page(JsonNode result) {
        String from = text(result, "source");
        String id = text(result, "id");
        if (from == null || id == null || !SOURCE_AND_ID.matcher(from).matches() || !id.matches("[A-Za-z0-9]{1,40}")) {
            return Optional.empty();
        }
        return Optional.of(URI.create("https://europepmc.org/article/" + from + "/" + id));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }
}
