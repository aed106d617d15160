package dev.detour.core.research;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchQueriesTest {

    @Test
    void keepsTheContentWordsOfASubQuestionAsPlainKeywords() {
        assertThat(SearchQueries.of("Why do tides happen twice a day?")).isEqualTo("tides happen twice day");
        assertThat(SearchQueries.of("What is COVID-19's effect AND \"long\" (title:covid) on children?"))
                .isEqualTo("COVID-19's effect long title covid children");
    }

    @Test
    void fallsBackToEveryWordWhenOnlyQuestionWordsAreLeftAndToNothingWithoutWords() {
        assertThat(SearchQueries.of("What is it?")).isEqualTo("What is it");
        assertThat(SearchQueries.of("?!\u0007 …")).isEmpty();
    }

    @Test
    void keepsAtMostTwelveWords() {
        assertThat(SearchQueries.of("one two three four five six seven eight nine ten eleven twelve thirteen").split(" "))
                .hasSize(12).endsWith("twelve");
    }
}
