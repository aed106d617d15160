package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One classifier for an error body, wherever it arrives: as an error response, or as an error event inside an
 * HTTP 200 stream (DESIGN §3), with the same kinds as the OpenAI adapter gives the same bodies. The TGI bodies
 * are in TGI's shape (as the recorded {@code hf-router-error-422-validation.json}); the template error and the
 * quota words are constructed in the shapes TGI and OpenAI document.
 */
class ErrorInStreamParityTest extends RouterTestSupport {

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(422, "{\"error\":\"Template error: template not found\",\"error_type\":\"template_error\"}",
                        ErrorKind.MODEL_UNAVAILABLE),
                Arguments.of(422, fixture("hf-router-error-422-validation.json").strip(), ErrorKind.INVALID_REQUEST),
                Arguments.of(429, "{\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"}", ErrorKind.RATE_LIMITED),
                Arguments.of(424, "{\"error\":\"Request failed during generation: CUDA out of memory\","
                        + "\"error_type\":\"generation\"}", ErrorKind.PROVIDER_UNAVAILABLE),
                Arguments.of(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and"
                        + " billing details.\"}}", ErrorKind.QUOTA_EXCEEDED));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("bodies")
    void anErrorInsideA200StreamMapsLikeTheSameBodyOnAPlainResponse(int status, String body, ErrorKind kind) {
        enqueue(json(status, body));
        enqueue(sse("event: error\ndata: " + body + "\n\n"));

        ModelCallException plain = catchThrowableOfType(ModelCallException.class,
                () -> port("org/tgi-model").chat(question()));
        ModelCallException streamed = catchThrowableOfType(ModelCallException.class,
                () -> port("org/tgi-model").chat(question().withStream(true)));

        assertThat(plain.kind()).as("plain response").isEqualTo(kind);
        assertThat(streamed.kind()).as("error event inside a 200 stream").isEqualTo(kind);
    }
}
