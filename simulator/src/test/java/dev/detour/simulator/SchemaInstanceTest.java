package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.content;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.structuredChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.research.ResearchPlan;
import dev.detour.core.research.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaInstanceTest {

    /** The schema Detour's plan step sends (generated from the ResearchPlan record). */
    static final String PLAN = "{\"type\":\"object\",\"description\":\"A plan for researching a question.\","
            + "\"properties\":{\"subQuestions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
            + "\"description\":\"3 to 6 focused sub-questions.\"}},\"required\":[\"subQuestions\"],"
            + "\"additionalProperties\":false}";

    /** The schema Detour's judge step sends (generated from the Verdict record). */
    static final String VERDICT = "{\"type\":\"object\",\"properties\":{\"sufficient\":{\"type\":\"boolean\"},"
            + "\"gaps\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"followUpQuestions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
            + "\"required\":[\"sufficient\",\"gaps\",\"followUpQuestions\"],\"additionalProperties\":false}";

    private static JsonNode instance(String schema) {
        return SchemaInstance.of(json(schema), "Why did Novita fail?", true);
    }

    private static JsonNode validInstance(String schema) {
        JsonNode value = instance(schema);
        assertThat(SchemaCheck.violations(json(schema), value)).as("violations of %s", value).isEmpty();
        return value;
    }

    @Test
    void answersTheResearchPlanSchemaWithThreeSimulatedSubQuestionsAboutThePrompt() {
        JsonNode plan = validInstance(PLAN);

        assertThat(plan.path("subQuestions")).hasSize(3);
        assertThat(plan.path("subQuestions").get(0).asText())
                .isEqualTo("Why did Novita fail? What is the main mechanism behind it?");
        assertThat(plan.path("subQuestions").get(2).asText())
                .isEqualTo("Why did Novita fail? Which conditions strengthen, weaken or change it?");
    }

    @Test
    void answersTheVerdictSchemaAsSufficientSoResearchRunsConverge() {
        JsonNode verdict = validInstance(VERDICT);

        assertThat(verdict.path("sufficient").asBoolean()).isTrue();
        assertThat(verdict.path("gaps")).hasSize(3);
        assertThat(verdict.path("followUpQuestions")).hasSize(3);
    }

    @Test
    void answersTheVerdictAsInsufficientWhenTheScenarioSaysSo() {
        JsonNode verdict = SchemaInstance.of(json(VERDICT), "q", false);

        assertThat(verdict.path("sufficient").asBoolean()).isFalse();
    }

    @Test
    void answersTheSchemasDetoursResearchWorkflowSendsWithValuesThatDecodeIntoItsRecords() throws Exception {
        ResearchPlan plan = SimulatorClient.JSON.treeToValue(
                SchemaInstance.of(json(ResponseFormat.of(ResearchPlan.class).jsonSchema()), "q", true), ResearchPlan.class);
        Verdict verdict = SimulatorClient.JSON.treeToValue(
                SchemaInstance.of(json(ResponseFormat.of(Verdict.class).jsonSchema()), "q", true), Verdict.class);

        assertThat(plan.subQuestions()).hasSize(3);
        assertThat(verdict.sufficient()).isTrue();
    }

    @Test
    void answersOtherBooleansFalse() {
        assertThat(validInstance("{\"type\":\"object\",\"properties\":{\"done\":{\"type\":\"boolean\"}}}").path("done").asBoolean())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}",
        "{\"const\":42}",
        "{\"type\":\"integer\",\"minimum\":5,\"maximum\":9}",
        "{\"type\":\"integer\",\"exclusiveMinimum\":0}",
        "{\"type\":\"number\",\"maximum\":-2.5}",
        "{\"type\":\"number\"}",
        "{\"type\":[\"null\",\"string\"]}",
        "{\"type\":\"null\"}",
        "{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"integer\",\"minimum\":3}]}",
        "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":5}",
        "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":1}",
        "{\"type\":\"string\",\"maxLength\":10}",
        "{\"type\":\"string\",\"minLength\":200}",
        "{\"type\":\"string\",\"format\":\"date-time\"}",
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"object\",\"properties\":{\"c\":{\"type\":\"integer\"}},\"required\":[\"c\"],"
                + "\"additionalProperties\":false}}},\"required\":[\"b\"]}},\"required\":[\"a\"],\"additionalProperties\":false}",
        "{\"type\":\"object\",\"required\":[\"undeclared\"]}",
        "{\"$defs\":{\"city\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}},"
                + "\"type\":\"object\",\"properties\":{\"home\":{\"$ref\":\"#/$defs/city\"}},\"required\":[\"home\"]}",
        "{\"allOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]},"
                + "{\"properties\":{\"b\":{\"type\":\"string\"}},\"required\":[\"b\"]}]}"
    })
    void answersAValueThatValidatesAgainstTheSchema(String schema) {
        validInstance(schema);
    }

    @Test
    void answersAnEnumWithItsFirstValue() {
        assertThat(validInstance("{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}").asText()).isEqualTo("low");
    }

    @Test
    void answersTheSameSchemaAndPromptWithTheSameValue() {
        assertThat(instance(VERDICT)).isEqualTo(instance(VERDICT));
    }

    @Test
    void refusesASchemaThatRefersToItselfWithoutEnd() {
        String endless = "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/$defs/node\"}},"
                + "\"required\":[\"next\"]}},\"$ref\":\"#/$defs/node\"}";

        assertThatThrownBy(() -> instance(endless)).hasMessageContaining("nests deeper than 32 levels");
    }

    @Test
    void answersAStructuredRequestOverTheWireWithAnInstanceOfItsSchema() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("structured").build())) {
            String answer = content(SimulatorClient.openAi(simulator, structuredChat("gpt-4o-mini", "How do breakers work?", PLAN)));

            JsonNode plan = json(answer);
            assertThat(SchemaCheck.violations(json(PLAN), plan)).isEmpty();
            assertThat(plan.path("subQuestions").get(0).asText()).contains("How do breakers work?");
        }
    }

    @Test
    void answersTheVerdictFromAScenarioThatJudgesInsufficient() {
        Scenario doubting = Scenario.builder("doubting").sufficient(false).build();
        try (ProviderSimulator simulator = ProviderSimulator.start(doubting)) {
            String answer = content(SimulatorClient.router(simulator, structuredChat("Qwen/Qwen2.5-7B-Instruct", "q", VERDICT)));

            assertThat(json(answer).path("sufficient").asBoolean()).isFalse();
        }
    }

    @Test
    void aScenarioCanAskForLongerArraysSoAPlanHasAsManySubQuestionsAsABenchmarkNeeds() {
        Scenario six = Scenario.builder("six").arrayItems(6).build();
        try (ProviderSimulator simulator = ProviderSimulator.start(six)) {
            String answer = content(SimulatorClient.openAi(simulator, structuredChat("gpt-4o-mini", "Why do tides happen?", PLAN)));

            assertThat(json(answer).path("subQuestions")).hasSize(6);
            assertThat(json(answer).path("subQuestions").get(5).asText()).endsWith("What is still uncertain about it?");
        }
    }

    @Test
    void answersARequestWhoseSchemaIsNotAnObjectWith400() {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("bad").build())) {
            String request = structuredChat("gpt-4o-mini", "q", "{}").replace("\"schema\":{}", "\"schema\":\"nope\"");

            var response = SimulatorClient.openAi(simulator, request);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body()).path("error").path("message").asText()).contains("json_schema.schema");
        }
    }

    @Test
    void answersARequestWhoseSchemaItCannotInstantiateWith400() {
        String endless = "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/$defs/node\"}},"
                + "\"required\":[\"next\"]}},\"$ref\":\"#/$defs/node\"}";
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builder("endless").build())) {
            var response = SimulatorClient.router(simulator, structuredChat("Qwen/Qwen2.5-7B-Instruct", "q", endless));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response.body()).path("error").asText()).contains("nests deeper than 32 levels");
        }
    }
}
