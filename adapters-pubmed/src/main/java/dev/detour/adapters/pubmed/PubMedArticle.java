package dev.detour.adapters.pubmed;

import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceKind;
import dev.detour.core.evidence.EvidenceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one {@code <PubmedArticle>} says, collected while it is read, and the record it makes. */
final class PubMedArticle {

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final Pattern YEAR = Pattern.compile("\\b([12][0-9]{3})\\b");

    String pmid;
    String title = "";
    String vernacularTitle = "";
    String journal;
    final List<String> publicationTypes = new ArrayList<>();
    private final List<String> authors = new ArrayList<>();
    private final StringBuilder summary = new StringBuilder();
    private String year;
    private String month;
    private String day;
    private EvidenceId doi;
    private EvidenceId pmcid;

    void author(String name) {
        if (!name.isBlank()) {
            authors.add(name);
        }
    }

    void abstractPart(String label, String text) {
        if (text.isBlank()) {
            return;
        }
        if (!summary.isEmpty()) {
            summary.append(' ');
        }
        if (label != null && !label.isBlank() && !label.equalsIgnoreCase("UNLABELLED")) {
            summary.append(label.strip()).append(": ");
        }
        summary.append(text);
    }

    void date(String part, String text) {
        switch (part) {
            case "Year" -> year = text.matches("[12][0-9]{3}") ? text : null;
            case "Month" -> month = month(text);
            case "Day" -> day = text.matches("[0-9]{1,2}") ? "%02d".formatted(Integer.parseInt(text)) : null;
            default -> {
                Matcher medline = YEAR.matcher(text);
                if (year == null && medline.find()) {
                    year = medline.group(1);
                }
            }
        }
    }

    void otherId(String type, String value) {
        if (type == null || value.isBlank()) {
            return;
        }
        try {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "doi" -> doi = doi != null ? doi : EvidenceId.of(EvidenceId.Scheme.DOI, value);
                case "pmc" -> pmcid = EvidenceId.of(EvidenceId.Scheme.PMCID, value);
                default -> { }
            }
        } catch (IllegalArgumentException notAnId) {
            // an id NCBI wrote in a form Detour cannot link is left out
        }
    }

    /** The record, or empty when the article has no usable PMID or title. */
    Optional<EvidenceRecord> record(String source) {
        String heading = title.isBlank() ? vernacularTitle : title;
        if (pmid == null || !pmid.matches("[1-9][0-9]{0,9}") || heading.isBlank()) {
            return Optional.empty();
        }
        List<EvidenceId> crossIds = new ArrayList<>();
        Optional.ofNullable(doi).ifPresent(crossIds::add);
        Optional.ofNullable(pmcid).ifPresent(crossIds::add);
        return Optional.of(EvidenceRecord.builder(source, EvidenceId.of(EvidenceId.Scheme.PMID, pmid), heading)
                .authors(authors)
                .published(published())
                .venue(journal)
                .kind(kind())
                .summary(summary.toString())
                .crossIds(crossIds)
                .build());
    }

    private EvidenceKind kind() {
        List<String> types = publicationTypes.stream().map(type -> type.toLowerCase(Locale.ROOT)).toList();
        if (types.contains("preprint")) {
            return EvidenceKind.PREPRINT;
        }
        if (types.stream().anyMatch(type -> type.equals("review") || type.equals("systematic review")
                || type.equals("meta-analysis"))) {
            return EvidenceKind.REVIEW;
        }
        return EvidenceKind.ARTICLE;
    }

    private String published() {
        if (year == null) {
            return null;
        }
        if (month == null) {
            return year;
        }
        return day == null ? year + "-" + month : year + "-" + month + "-" + day;
    }

    private static String month(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.matches("[0-9]{1,2}")) {
            int number = Integer.parseInt(value);
            return number >= 1 && number <= 12 ? "%02d".formatted(number) : null;
        }
        int index = value.length() >= 3 ? MONTHS.indexOf(value.substring(0, 3)) : -1;
        return index < 0 ? null : "%02d".formatted(index + 1);
    }
}
