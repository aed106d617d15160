package dev.detour.core.evidence;

import dev.detour.core.internal.PlainText;
import dev.detour.core.internal.Require;
import dev.detour.core.model.SourceRef;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One piece of evidence a source returned: a paper, preprint, review or registered trial, described
 * well enough to cite it and to let a model answer from it.
 *
 * <p>Text fields come from outside and are cleaned here (control characters removed, whitespace
 * folded, lengths capped), so no value a source returns reaches a report unchecked.
 *
 * @param source the configured name of the source that returned it, such as {@code pubmed}
 * @param id its stable id, such as {@code PMID:27797938}
 * @param title its title, as plain text
 * @param authors the first few authors (at most {@value #MAX_AUTHORS}), as the source names them
 * @param published when it was published or, for a trial, when it started: {@code 2019}, {@code 2019-03}
 *     or {@code 2019-03-14}
 * @param venue the journal, preprint server or registry
 * @param kind article, preprint, review or trial
 * @param url where a person reads it; the id's canonical page when the source gave none
 * @param summary the abstract or a trial's brief summary, as plain text, trimmed
 * @param crossIds its other ids (a PubMed record's DOI and PMCID), never {@code id} itself
 * @param details source-specific facts worth showing, in insertion order, such as a trial's status and phases
 */
public record EvidenceRecord(
        String source,
        EvidenceId id,
        String title,
        List<String> authors,
        Optional<String> published,
        Optional<String> venue,
        EvidenceKind kind,
        URI url,
        Optional<String> summary,
        List<EvidenceId> crossIds,
        Map<String, String> details) {

    /** The most authors kept. */
    public static final int MAX_AUTHORS = 6;

    /** The longest title kept, in characters. */
    public static final int MAX_TITLE_LENGTH = 400;

    /** The longest summary kept, in characters. */
    public static final int MAX_SUMMARY_LENGTH = 2_000;

    private static final Pattern DATE = Pattern.compile("[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?");

    public EvidenceRecord {
        source = SourceRef.of(Require.nonBlank(source, "source")).name();
        Require.nonNull(id, "id");
        title = PlainText.oneLine(Require.nonNull(title, "title"), MAX_TITLE_LENGTH);
        if (title.isEmpty()) {
            throw new IllegalArgumentException("title of " + id + " must not be blank");
        }
        authors = Require.nonNull(authors, "authors").stream()
                .map(author -> PlainText.oneLine(author, 120))
                .filter(author -> !author.isEmpty())
                .limit(MAX_AUTHORS)
                .toList();
        Require.nonNull(published, "published");
        published.ifPresent(date -> {
            if (!DATE.matcher(date).matches()) {
                throw new IllegalArgumentException("published must look like 2019, 2019-03 or 2019-03-14, was \""
                        + date + "\"");
            }
        });
        venue = Require.nonNull(venue, "venue").map(text -> PlainText.oneLine(text, 200)).filter(text -> !text.isEmpty());
        Require.nonNull(kind, "kind");
        Require.nonNull(url, "url");
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("url of " + id + " must be an http(s) link, was " + url);
        }
        summary = Require.nonNull(summary, "summary")
                .map(text -> PlainText.oneLine(text, MAX_SUMMARY_LENGTH)).filter(text -> !text.isEmpty());
        EvidenceId own = id;
        crossIds = Require.nonNull(crossIds, "crossIds").stream().filter(other -> !other.equals(own)).distinct().toList();
        Map<String, String> cleaned = new LinkedHashMap<>();
        Require.nonNull(details, "details").forEach((key, value) -> {
            String text = PlainText.oneLine(value, 300);
            if (!text.isEmpty()) {
                cleaned.put(PlainText.oneLine(key, 60), text);
            }
        });
        details = Collections.unmodifiableMap(cleaned);
    }

    /** Starts a record of {@code id} titled {@code title} from {@code source}; its link defaults to the id's page. */
    public static Builder builder(String source, EvidenceId id, String title) {
        return new Builder(source, id, title);
    }

    /** The year it was published or started, when known. */
    public OptionalInt year() {
        return published.map(date -> OptionalInt.of(Integer.parseInt(date.substring(0, 4)))).orElse(OptionalInt.empty());
    }

    /** Its id and every cross id, for deduplication across sources. */
    public List<EvidenceId> allIds() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), crossIds.stream()).toList();
    }

    /** Collects a record's optional parts. */
    public static final class Builder {
        private final String source;
        private final EvidenceId id;
        private final String title;
        private List<String> authors = List.of();
        private String published;
        private String venue;
        private EvidenceKind kind = EvidenceKind.ARTICLE;
        private URI url;
        private String summary;
        private List<EvidenceId> crossIds = List.of();
        private final Map<String, String> details = new LinkedHashMap<>();

        private Builder(String source, EvidenceId id, String title) {
            this.source = source;
            this.id = id;
            this.title = title;
        }

        public Builder authors(List<String> value) {
            this.authors = Require.nonNull(value, "authors");
            return this;
        }

        /** {@code 2019}, {@code 2019-03} or {@code 2019-03-14}; null or blank for unknown. */
        public Builder published(String value) {
            this.published = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        public Builder venue(String value) {
            this.venue = value;
            return this;
        }

        public Builder kind(EvidenceKind value) {
            this.kind = Require.nonNull(value, "kind");
            return this;
        }

        public Builder url(URI value) {
            this.url = value;
            return this;
        }

        public Builder summary(String value) {
            this.summary = value;
            return this;
        }

        public Builder crossIds(List<EvidenceId> value) {
            this.crossIds = Require.nonNull(value, "crossIds");
            return this;
        }

        /** Adds a fact worth showing, such as {@code status} → {@code RECRUITING}; blank values are dropped. */
        public Builder detail(String name, String value) {
            Require.nonBlank(name, "name");
            if (value != null && !value.isBlank()) {
                details.put(name, value);
            }
            return this;
        }

        public EvidenceRecord build() {
            Require.nonNull(id, "id");
            return new EvidenceRecord(source, id, title, authors, Optional.ofNullable(published),
                    Optional.ofNullable(venue), kind, url != null ? url : id.link(), Optional.ofNullable(summary),
                    crossIds, new LinkedHashMap<>(details));
        }
    }
}
