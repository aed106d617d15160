package dev.detour.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProseTest {

    @Test
    void findsTheSubQuestionOrTheQuestionThatAPromptLabels() {
        assertThat(Prose.subject("Main question: Why do tides happen? Sub-question: What pulls the oceans?"))
                .isEqualTo("What pulls the oceans?");
        assertThat(Prose.subject("Question: Why do tides happen? Findings: - What pulls the oceans? [simulated]"))
                .isEqualTo("Why do tides happen?");
        assertThat(Prose.subject("Why do routers fail over?")).isEqualTo("Why do routers fail over?");
    }

    @Test
    void turnsAQuestionIntoAClauseToEmbed() {
        assertThat(Prose.clause("Why do tides happen twice a day?")).isEqualTo("why tides happen twice a day");
        assertThat(Prose.clause("How is the sky blue?")).isEqualTo("how is the sky blue");
        assertThat(Prose.clause("HTTP 500 at Novita")).isEqualTo("HTTP 500 at Novita");
    }

    @Test
    void writesDistinctSubQuestionsAboutTheSubjectAndLabelsOtherStrings() {
        assertThat(Prose.item("subQuestions", 1, "Why do tides happen twice a day?"))
                .isEqualTo("Why do tides happen twice a day? What is the main mechanism behind it?");
        assertThat(Prose.item("followUpQuestions", 2, "Why do tides happen twice a day?"))
                .isEqualTo("Why do tides happen twice a day? Which observations or measurements support that explanation?");
        assertThat(Prose.item("gaps", 1, "Why do tides happen?")).contains("why tides happen").doesNotContain("[simulated]");
        assertThat(Prose.item("title", 0, "q")).isEqualTo("[simulated] title: q");
    }

    @Test
    void answersAPlainPromptInProseThatQuotesItStillSaysItIsSimulatedAndIsTheSameEveryTime() {
        String answer = Prose.answer("Why do routers fail over?", "gpt-4o-mini");

        assertThat(answer).startsWith("[simulated by gpt-4o-mini] On \"Why do routers fail over?\": ")
                .contains("not by a model").doesNotContain("You asked")
                .isEqualTo(Prose.answer("Why do routers fail over?", "gpt-4o-mini"));
    }

    @Test
    void answersTheAspectASubQuestionOfItsOwnPlanAsks() {
        String subQuestion = Prose.item("subQuestions", 2, "Why do tides happen?");

        String answer = Prose.answer("Main question: Why do tides happen? Sub-question: " + subQuestion, "m");

        assertThat(answer).startsWith("[simulated by m] Long series of measurements agree")
                .doesNotContain("Sub-question:", subQuestion);
    }

    @Test
    void summarisesTheFindingsWhenAskedForTheAnswerToTheQuestion() {
        String answer = Prose.answer("Question: Why do tides happen twice a day? Findings: - a [simulated] b", "m");

        assertThat(answer).startsWith("[simulated by m] In short, why tides happen twice a day comes down to one main mechanism");
    }

    @Test
    void citesTheFirstNumberedEvidenceItIsGivenOneASentence() {
        String subQuestion = Prose.item("subQuestions", 1, "Why do tides happen?");

        String answer = Prose.answer("Main question: Why do tides happen? Sub-question: " + subQuestion
                + " Evidence: [1] Tides and the moon PMID:1 [2] Lunar forcing of tides PMID:2", "m");

        assertThat(answer).startsWith("[simulated by m] In short, one main mechanism")
                .contains("shape the details [1].", "measurements [2].").doesNotContain("[3]").endsWith("not by a model.)");
        assertThat(Prose.subject("Main question: Q? Sub-question: " + subQuestion + " Evidence: [1] T"))
                .isEqualTo(subQuestion);
    }

    @Test
    void citesTheReferencesASynthesisPromptListsByTheirNumbers() {
        String answer = Prose.answer("Question: Why do tides happen? Findings: - What pulls? It is the moon [4]."
                + " References: [4] Tides and the moon (2019) [7] Lunar forcing (2020)", "m");

        assertThat(answer).contains("[4]", "[7]").doesNotContain("[1]", "[2]");
    }
}
