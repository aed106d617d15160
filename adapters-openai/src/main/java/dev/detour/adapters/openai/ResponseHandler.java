package dev.detour.adapters.openai;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelCallException;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * Turns one HTTP response into an answer or a {@link ModelCallException}: error statuses by their body,
 * successes as a plain completion or as a stream. Runs on the HTTP client's thread.
 */
final class ResponseHandler {

    private final ErrorBodies errorBodies;
    private final Failures failures;
    private final CompletionReader completions;
    private final StreamReader streams;

    ResponseHandler(ErrorBodies errorBodies, Failures failures, CompletionReader completions, StreamReader streams) {
        this.errorBodies = errorBodies;
        this.failures = failures;
        this.completions = completions;
        this.streams = streams;
    }

    /**
     * The answer in {@code response}, handing stream deltas to {@code deltas} as they arrive.
     *
     * @param sentField the token-limit field the request carried, or null if it carried none
     * @throws TokenFieldRejected if the server refused {@code sentField} as an unsupported parameter
     */
    ChatResponse handle(Response<ResponseBody> response, boolean stream, TokenLimitField sentField,
            Consumer<String> deltas) {
        Function<String, String> header = response.headers()::get;
        if (!response.isSuccessful()) {
            throw failure(response, sentField, header);
        }
        ResponseBody body = response.body();
        try {
            if (stream && isEventStream(body.contentType())) {
                return streams.read(body.byteStream(), header, deltas);
            }
            ChatResponse answer = completions.read(body.bytes(), header);
            if (stream) {
                deltas.accept(answer.text());
            }
            return answer;
        } catch (IOException e) {
            throw failures.fromTransport(e, response.code(), header);
        }
    }

    private RuntimeException failure(Response<ResponseBody> response, TokenLimitField sentField,
            Function<String, String> header) {
        byte[] bytes;
        try (ResponseBody errorBody = response.errorBody()) {
            bytes = errorBody == null ? new byte[0] : errorBody.bytes();
        } catch (IOException e) {
            bytes = new byte[0];
        }
        ProviderError error = errorBodies.parse(bytes);
        ModelCallException mapped = failures.fromProvider(response.code(), error, header, false);
        if (response.code() == 400 && sentField != null && error.rejectsParameter(sentField.wireName())) {
            return new TokenFieldRejected(mapped);
        }
        return mapped;
    }

    private static boolean isEventStream(MediaType type) {
        return type == null || ("text".equals(type.type()) && "event-stream".equals(type.subtype()));
    }
}
