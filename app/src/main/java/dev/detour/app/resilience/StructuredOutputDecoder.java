package dev.detour.app.resilience;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ResponseFormat;

/**
 * Decodes a structured answer into the requested record type, so that an answer that does not parse
 * or validate is a {@link dev.detour.core.model.MalformedResponseException} of the model that gave it.
 */
final class StructuredOutputDecoder {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    /** {@code response} with its decoded value when {@code request} asked for structured output. */
    ChatResponse decode(ChatRequest request, ChatResponse response) {
        if (request.responseFormat().isEmpty()) {
            return response;
        }
        ResponseFormat format = request.responseFormat().get();
        try {
            Record value = mapper.readValue(jsonIn(response.text()), format.type());
            if (value == null) {
                throw malformed(response, format, "the answer is JSON null");
            }
            return response.withStructured(value);
        } catch (ModelCallException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw malformed(response, format, reason.lines().findFirst().orElse(reason));
        }
    }

    private static ModelCallException malformed(ChatResponse response, ResponseFormat format, String reason) {
        return ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, response.model())
                .inferenceProvider(response.inferenceProvider().orElse(null))
                .requestId(response.requestId().orElse(null))
                .usage(response.usage())
                .detail("the answer does not decode into " + format.name() + ": " + reason)
                .build();
    }

    /** The JSON object in an answer, tolerating a Markdown code fence or prose around it. */
    static String jsonIn(String text) {
        String trimmed = text.strip();
        int start = trimmed.indexOf('{');
        int end = trimmed.lastIndexOf('}');
        return start >= 0 && end > start ? trimmed.substring(start, end + 1) : trimmed;
    }
}
