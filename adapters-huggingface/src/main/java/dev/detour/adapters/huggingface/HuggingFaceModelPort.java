package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.model.StreamListener;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.ResponseReader;
import java.time.Clock;
import okhttp3.Request;

/** The {@link ModelPort} of one model id at the router. It sends each call once; retrying is the chain's job. */
final class HuggingFaceModelPort implements ModelPort {

    private final ModelRef model;
    private final Endpoint endpoint;
    private final HttpTransport transport;
    private final ChatCompletionsApi api;
    private final ModelCodec codec;

    HuggingFaceModelPort(HuggingFaceSettings settings, HttpTransport transport, ChatCompletionsApi api,
            ObjectMapper json, String modelId, Clock clock) {
        HfModelId id = HfModelId.parse(modelId);
        this.model = ModelRef.of(settings.providerName(), modelId);
        this.endpoint = Endpoint.of(transport.baseUrl(), id, settings.providerRoutes());
        this.transport = transport;
        this.api = api;
        FailureMapper failures = new FailureMapper(model, id, settings, clock);
        this.codec = new ModelCodec(json, new RequestMapper(json), failures, new Answers(failures));
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        ChatCompletionRequest body;
        try {
            body = codec.requests().map(request, endpoint.bodyModel());
        } catch (JsonProcessingException e) {
            throw codec.failures().invalidRequest("the JSON schema of response format \""
                    + request.responseFormat().map(ResponseFormat::name).orElse("") + "\" is not valid JSON", e);
        }
        Request http = api.create(endpoint.url(), request.stream() ? "text/event-stream" : "application/json", body)
                .request();
        return transport.exchange(model.toString(), http, context, reader(
                request.responseFormat().isPresent(), request.stream() ? context.streamListener() : StreamListener.NONE));
    }

    private ResponseReader<ChatResponse> reader(boolean structuredOutput, StreamListener listener) {
        return ResponseReader.of(
                (head, error) -> codec.failures().rejected(head, ErrorBody.parse(error, head, codec.json()),
                        structuredOutput),
                (head, body) -> new CompletionReader(codec).read(head, body, structuredOutput, listener),
                head -> new StreamAssembler(codec, head, structuredOutput, listener),
                codec.failures()::transport);
    }

    @Override
    public String toString() {
        return "HuggingFaceModelPort[" + model + " at " + endpoint.url() + "]";
    }
}
