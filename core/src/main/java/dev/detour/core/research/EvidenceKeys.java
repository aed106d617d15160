package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceRecord;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What makes two records the same evidence, whichever source returned them: a shared id (a PubMed
 * record's DOI is the DOI of Europe PMC's copy), or the same title once case, accents and punctuation are
 * set aside. Titles too short to tell works apart (an "Editorial") are not compared.
 */
final class EvidenceKeys {

    private static final int MIN_TITLE_WORDS = 3;

    private EvidenceKeys() {}

    static Set<String> of(EvidenceRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        for (EvidenceId id : record.allIds()) {
            keys.add("id " + id);
        }
        String title = normalisedTitle(record.title());
        if (title.split(" ").length >= MIN_TITLE_WORDS) {
            keys.add("title " + title);
        }
        return keys;
    }

    static String normalisedTitle(String title) {
        String plain = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
