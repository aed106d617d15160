package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseFormatTest {

    enum Confidence { LOW, HIGH }

    record Source(String title, double relevance) {}

    @Description("A research plan.")
    record Plan(@Description("Between 3 and 6 sub-questions.") List<String> subQuestions,
                int depth, boolean ready, Confidence confidence, List<Source> sources) {}

    record Node(String name, List<Node> children) {}

    record Bad(java.util.Map<String, String> lookup) {}

    @Test
    void generatesAStrictSchemaWithEveryComponentRequiredAndNoExtraProperties() {
        ResponseFormat format = ResponseFormat.of(Plan.class);

        assertThat(format.name()).isEqualTo("Plan");
        assertThat(format.strict()).isTrue();
        assertThat(format.type()).isEqualTo(Plan.class);
        assertThat(format.jsonSchema()).isEqualTo("{\"type\":\"object\",\"description\":\"A research plan.\","
                + "\"properties\":{"
                + "\"subQuestions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                + "\"description\":\"Between 3 and 6 sub-questions.\"},"
                + "\"depth\":{\"type\":\"integer\"},"
                + "\"ready\":{\"type\":\"boolean\"},"
                + "\"confidence\":{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\"]},"
                + "\"sources\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
                + "\"title\":{\"type\":\"string\"},\"relevance\":{\"type\":\"number\"}},"
                + "\"required\":[\"title\",\"relevance\"],\"additionalProperties\":false}}},"
                + "\"required\":[\"subQuestions\",\"depth\",\"ready\",\"confidence\",\"sources\"],"
                + "\"additionalProperties\":false}");
    }

    @Test
    void refusesRecursiveTypesAndTypesWithoutAJsonSchemaNamingTheComponent() {
        assertThatThrownBy(() -> ResponseFormat.of(Node.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refers to itself");
        assertThatThrownBy(() -> ResponseFormat.of(Bad.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad.lookup has type java.util.Map<java.lang.String, java.lang.String>");
    }

    @Test
    void refusesANameProvidersWouldReject() {
        assertThatThrownBy(() -> new ResponseFormat("a plan", Plan.class, "{}", true))
                .hasMessage("name must be 1 to 64 letters, digits, '_' or '-', was \"a plan\"");
    }
}
