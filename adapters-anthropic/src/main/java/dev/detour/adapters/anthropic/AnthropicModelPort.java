package dev.detour.adapters.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.StreamListener;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.ResponseReader;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * One model at one Anthropic provider: {@code POST v1/messages} below the base URL, with
 * {@code anthropic-version: 2023-06-01}. It sends each call once; retries and fallbacks are the chain's.
 */
record AnthropicModelPort(HttpTransport transport, ModelCodec codec) implements ModelPort {

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        byte[] body;
        try {
            body = codec.json().writeValueAsBytes(codec.requests().map(request, codec.failures().model().model()));
        } catch (JsonProcessingException e) {
            throw ModelCallException.builder(ErrorKind.INVALID_REQUEST, codec.failures().model()).cause(e)
                    .detail("the JSON schema of the response format is not valid JSON: " + e.getOriginalMessage()).build();
        }
        Request http = new Request.Builder().url(transport.baseUrl().resolve("v1/messages")).header("anthropic-version",
                "2023-06-01").post(RequestBody.create(body, MediaType.get("application/json"))).build();
        boolean structured = request.responseFormat().isPresent();
        StreamListener listener = request.stream() ? context.streamListener() : StreamListener.NONE;
        return transport.exchange(codec.failures().model().toString(), http, context, ResponseReader.of(
                (head, error) -> codec.failures().rejected(head, ErrorBody.parse(error, head, codec.json())),
                (head, bytes) -> codec.read(head, bytes, structured, listener),
                head -> new StreamAssembler(codec, head, structured, listener),
                codec.failures()::transport));
    }

    @Override
    public String toString() {
        return "AnthropicModelPort[" + codec.failures().model() + " at " + transport.baseUrl() + "]";
    }
}
