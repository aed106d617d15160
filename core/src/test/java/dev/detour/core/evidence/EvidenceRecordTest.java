package dev.detour.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceRecordTest {

    private static final EvidenceId PMID = EvidenceId.parse("PMID:27797938");

    @Test
    void cleansTextThatCameFromTheSource() {
        EvidenceRecord record = EvidenceRecord.builder("pubmed", PMID, "Telomere\u001b]0;pwned\u0007 length\n  and   cancer")
                .authors(List.of("Smith J", " ", "Doe\u0085A"))
                .summary("BACKGROUND:\tShort.\r\nRESULTS: Long.")
                .venue("  ")
                .build();

        assertThat(record.title()).isEqualTo("Telomere ]0;pwned length and cancer");
        assertThat(record.authors()).containsExactly("Smith J", "Doe A");
        assertThat(record.summary()).hasValue("BACKGROUND: Short. RESULTS: Long.");
        assertThat(record.venue()).isEmpty();
    }

    @Test
    void capsAuthorsAndSummaryLength() {
        EvidenceRecord record = EvidenceRecord.builder("pubmed", PMID, "t")
                .authors(List.of("a", "b", "c", "d", "e", "f", "g", "h"))
                .summary("x".repeat(EvidenceRecord.MAX_SUMMARY_LENGTH + 50))
                .build();

        assertThat(record.authors()).hasSize(EvidenceRecord.MAX_AUTHORS);
        assertThat(record.summary().orElseThrow()).hasSize(EvidenceRecord.MAX_SUMMARY_LENGTH).endsWith("…");
    }

    @Test
    void linksToTheIdsPageUnlessTheSourceGaveALinkAndKeepsCrossIdsWithoutItsOwnId() {
        EvidenceId doi = EvidenceId.parse("DOI:10.1000/x");
        EvidenceRecord record = EvidenceRecord.builder("pubmed", PMID, "t").crossIds(List.of(doi, PMID, doi)).build();

        assertThat(record.url()).isEqualTo(URI.create("https://pubmed.ncbi.nlm.nih.gov/27797938/"));
        assertThat(record.crossIds()).containsExactly(doi);
        assertThat(record.allIds()).containsExactly(PMID, doi);
    }

    @Test
    void readsTheYearOfAnyDatePrecisionAndRefusesOtherDates() {
        assertThat(EvidenceRecord.builder("ct", PMID, "t").published("2019-03").build().year()).hasValue(2019);
        assertThatThrownBy(() -> EvidenceRecord.builder("ct", PMID, "t").published("March 2019").build())
                .hasMessageContaining("2019-03");
    }

    @Test
    void refusesABlankTitleAndALinkThatIsNotHttp() {
        assertThatThrownBy(() -> EvidenceRecord.builder("pubmed", PMID, " \u0007 ").build())
                .hasMessageContaining("title of PMID:27797938");
        assertThatThrownBy(() -> EvidenceRecord.builder("pubmed", PMID, "t").url(URI.create("javascript:alert(1)")).build())
                .hasMessageContaining("http(s) link");
    }

    @Test
    void keepsDetailsInOrderAndDropsBlankOnes() {
        EvidenceRecord record = EvidenceRecord.builder("clinicaltrials", EvidenceId.parse("NCT01234567"), "t")
                .kind(EvidenceKind.TRIAL).detail("status", "RECRUITING").detail("phases", " ").detail("results", "yes")
                .build();

        assertThat(record.details()).containsExactly(
                java.util.Map.entry("status", "RECRUITING"), java.util.Map.entry("results", "yes"));
    }
}
