package dev.detour.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.evidence.EvidenceId.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceIdTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "PMID:27797938, PMID, 27797938, https://pubmed.ncbi.nlm.nih.gov/27797938/",
            "pmcid:pmc5334499, PMCID, PMC5334499, https://pmc.ncbi.nlm.nih.gov/articles/PMC5334499/",
            "PMC5334499, PMCID, PMC5334499, https://pmc.ncbi.nlm.nih.gov/articles/PMC5334499/",
            "nct01234567, NCT, NCT01234567, https://clinicaltrials.gov/study/NCT01234567",
            "DOI:10.1038/Nature12373, DOI, 10.1038/nature12373, https://doi.org/10.1038/nature12373",
            "https://doi.org/10.1038/NATURE12373, DOI, 10.1038/nature12373, https://doi.org/10.1038/nature12373",
            "10.1000/a<b>, DOI, 10.1000/a<b>, https://doi.org/10.1000/a%3Cb%3E",
            "OpenAlex:https://openalex.org/W2741809807, OPENALEX, W2741809807, https://openalex.org/W2741809807",
    })
    void readsEveryWrittenFormIntoOneCanonicalIdWithItsLink(String text, Scheme scheme, String value, String link) {
        EvidenceId id = EvidenceId.parse(text);

        assertThat(id.scheme()).isEqualTo(scheme);
        assertThat(id.value()).isEqualTo(value);
        assertThat(id.link()).hasToString(link);
        assertThat(EvidenceId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void writesTrialIdsWithoutAPrefixAndOthersWithTheirs() {
        assertThat(EvidenceId.of(Scheme.NCT, "NCT01234567")).hasToString("NCT01234567");
        assertThat(EvidenceId.of(Scheme.PMID, "11850928")).hasToString("PMID:11850928");
        assertThat(EvidenceId.of(Scheme.OPENALEX, "W1")).hasToString("OpenAlex:W1");
    }

    @Test
    void equalDoisFromDifferentSourcesAreTheSameId() {
        assertThat(EvidenceId.parse("doi:10.1056/NEJMoa2034577"))
                .isEqualTo(EvidenceId.parse("https://doi.org/10.1056/nejmoa2034577"));
    }

    @Test
    void refusesValuesThatAreNotIdsOfTheirScheme() {
        assertThatThrownBy(() -> EvidenceId.of(Scheme.PMID, "12a")).hasMessageContaining("not a valid PMID id");
        assertThatThrownBy(() -> EvidenceId.of(Scheme.NCT, "NCT123")).hasMessageContaining("not a valid NCT id");
        assertThatThrownBy(() -> EvidenceId.parse("ISBN:123")).hasMessageContaining("PMID:27797938");
    }
}
