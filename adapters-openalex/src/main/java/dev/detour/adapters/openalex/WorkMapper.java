package dev.detour.adapters.openalex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one work into a record identified by its OpenAlex id, with its DOI, PMID and PMCID as cross ids so that
 * the same paper from PubMed or Europe PMC deduplicates with it. A work without an OpenAlex id or a title is
 * left out.
 */
final class WorkMapper {

    private static final Pattern DATE = Pattern.compile("[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?");
    private static final Pattern LAST_NUMBER = Pattern.compile("([0-9]{1,10})/?$");

    private final String source;

    WorkMapper(String source) {
        this.source = source;
    }

    Optional<EvidenceRecord> record(JsonNode work) {
        Optional<EvidenceId> id = EvidenceId.ofValid(EvidenceId.Scheme.OPENALEX, text(work, "id"));
        String title = Optional.ofNullable(text(work, "title")).orElse(text(work, "display_name"));
        if (id.isEmpty() || title == null) {
            return Optional.empty();
        }
        JsonNode ids = work.path("ids");
        List<EvidenceId> crossIds = new ArrayList<>();
        Optional<EvidenceId> doi = EvidenceId.ofValid(EvidenceId.Scheme.DOI,
                Optional.ofNullable(text(work, "doi")).orElse(text(ids, "doi")));
        doi.ifPresent(crossIds::add);
        number(text(ids, "pmid")).flatMap(pmid -> EvidenceId.ofValid(EvidenceId.Scheme.PMID, pmid)).ifPresent(crossIds::add);
        number(text(ids, "pmcid")).flatMap(pmcid -> EvidenceId.ofValid(EvidenceId.Scheme.PMCID, "PMC" + pmcid)).ifPresent(crossIds::add);
        EvidenceRecord.Builder record = EvidenceRecord.builder(source, id.get(), title)
                .crossIds(crossIds)
                .authors(authors(work))
                .published(published(work))
                .venue(text(work.path("primary_location").path("source"), "display_name"))
                .kind(kind(text(work, "type")))
                .summary(InvertedAbstract.text(work.path("abstract_inverted_index")));
        doi.ifPresent(value -> record.url(value.link()));
        return Optional.of(record.build());
    }

    private static EvidenceKind kind(String type) {
        if (type == null) {
            return EvidenceKind.ARTICLE;
        }
        return switch (type) {
            case "preprint", "posted-content" -> EvidenceKind.PREPRINT;
            case "review" -> EvidenceKind.REVIEW;
            default -> EvidenceKind.ARTICLE;
        };
    }

    private static List<String> authors(JsonNode work) {
        List<String> authors = new ArrayList<>();
        work.path("authorships").forEach(authorship -> {
            String name = text(authorship.path("author"), "display_name");
            if (name != null) {
                authors.add(name);
            }
        });
        return authors;
    }

    private static String published(JsonNode work) {
        String date = text(work, "publication_date");
        if (date != null && DATE.matcher(date).matches()) {
            return date;
        }
        String year = text(work, "publication_year");
        return year != null && year.matches("[12][0-9]{3}") ? year : null;
    }

    /** The number a PubMed or PMC link ends with, such as {@code 29456894} of {@code https://pubmed.ncbi.nlm.nih.gov/29456894}. */
    private static Optional<String> number(String link) {
        if (link == null) {
            return Optional.empty();
        }
        Matcher number = LAST_NUMBER.matcher(link.strip());
        return number.find() ? Optional.of(number.group(1)) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }
}
