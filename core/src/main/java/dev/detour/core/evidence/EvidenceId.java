package dev.detour.core.evidence;

import dev.detour.core.internal.Require;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stable identifier of a piece of evidence, written as {@code PMID:27797938}, {@code PMCID:PMC5334499},
 * {@code NCT01234567}, {@code DOI:10.1038/nature12373} or {@code OpenAlex:W2741809807}. Two records with
 * equal ids are the same evidence, whichever source returned them.
 *
 * @param scheme which register the id belongs to
 * @param value the id within that register, in its canonical form (a DOI in lower case)
 */
public record EvidenceId(Scheme scheme, String value) {

    /** The registers Detour knows, with the prefix each is written with and its canonical link. */
    public enum Scheme {
        PMID("PMID:", "[1-9][0-9]{0,9}", "https://pubmed.ncbi.nlm.nih.gov/%s/"),
        PMCID("PMCID:", "PMC[1-9][0-9]{0,9}", "https://pmc.ncbi.nlm.nih.gov/articles/%s/"),
        NCT("", "NCT[0-9]{8}", "https://clinicaltrials.gov/study/%s"),
        DOI("DOI:", "10\\.[0-9]{4,9}/\\S{1,300}", "https://doi.org/%s"),
        OPENALEX("OpenAlex:", "W[1-9][0-9]{0,12}", "https://openalex.org/%s");

        private final String prefix;
        private final Pattern valuePattern;
        private final String link;

        Scheme(String prefix, String valuePattern, String link) {
            this.prefix = prefix;
            this.valuePattern = Pattern.compile(valuePattern);
            this.link = link;
        }

        /** How the id is written before its value, such as {@code PMID:}; empty for trial ids. */
        public String prefix() {
            return prefix;
        }
    }

    public EvidenceId {
        Require.nonNull(scheme, "scheme");
        Require.nonBlank(value, "value");
        value = canonical(scheme, value.strip());
        if (!scheme.valuePattern.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a valid " + scheme + " id");
        }
    }

    /** Shorthand for the canonical constructor. */
    public static EvidenceId of(Scheme scheme, String value) {
        return new EvidenceId(scheme, value);
    }

    /** The id {@code value} is in {@code scheme}, if it is one: empty for null, blank or not valid in that scheme. */
    public static Optional<EvidenceId> ofValid(Scheme scheme, String value) {
        Require.nonNull(scheme, "scheme");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EvidenceId(scheme, value));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /**
     * Reads an id as {@link #toString()} writes it; a bare DOI ({@code 10.…}), a {@code doi.org} link and
     * {@code PMC…} without a prefix are accepted too.
     *
     * @throws IllegalArgumentException if {@code text} is no id of a known scheme
     */
    public static EvidenceId parse(String text) {
        Require.nonBlank(text, "text");
        String id = text.strip();
        for (Scheme scheme : Scheme.values()) {
            if (!scheme.prefix.isEmpty() && id.regionMatches(true, 0, scheme.prefix, 0, scheme.prefix.length())) {
                return new EvidenceId(scheme, id.substring(scheme.prefix.length()));
            }
        }
        String upper = id.toUpperCase(Locale.ROOT);
        if (upper.startsWith("NCT")) {
            return new EvidenceId(Scheme.NCT, upper);
        }
        if (upper.startsWith("PMC")) {
            return new EvidenceId(Scheme.PMCID, upper);
        }
        if (id.startsWith("10.") || id.regionMatches(true, 0, "https://doi.org/", 0, 16)) {
            return new EvidenceId(Scheme.DOI, id);
        }
        throw new IllegalArgumentException("\"" + text + "\" is not an evidence id; write it like PMID:27797938,"
                + " PMCID:PMC5334499, NCT01234567, DOI:10.1038/nature12373 or OpenAlex:W2741809807");
    }

    /** The id's canonical page: PubMed, PubMed Central, ClinicalTrials.gov, doi.org or OpenAlex. */
    public URI link() {
        String path = scheme == Scheme.DOI ? doiPath(value) : value;
        return URI.create(scheme.link.formatted(path));
    }

    @Override
    public String toString() {
        return scheme.prefix + value;
    }

    private static String canonical(Scheme scheme, String value) {
        return switch (scheme) {
            case DOI -> {
                String doi = value;
                for (String prefix : new String[] {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"}) {
                    if (doi.regionMatches(true, 0, prefix, 0, prefix.length())) {
                        doi = doi.substring(prefix.length());
                    }
                }
                yield doi.toLowerCase(Locale.ROOT);
            }
            case PMCID, NCT -> value.toUpperCase(Locale.ROOT);
            case OPENALEX -> {
                int slash = value.lastIndexOf('/');
                yield (slash >= 0 ? value.substring(slash + 1) : value).toUpperCase(Locale.ROOT);
            }
            case PMID -> value;
        };
    }

    private static String doiPath(String doi) {
        StringBuilder path = new StringBuilder();
        for (char c : doi.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-._~/:;()".indexOf(c) >= 0) {
                path.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    path.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
        }
        return path.toString();
    }
}
