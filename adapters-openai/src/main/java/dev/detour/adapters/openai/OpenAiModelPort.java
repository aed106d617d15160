package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.model.StreamListener;
import dev.detour.transport.HttpHead;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.ResponseReader;
import java.util.function.BooleanSupplier;

/**
 * One model at one OpenAI-compatible provider. It sends each call once (retries and fallbacks are the
 * chain's), except that a rejected token-limit field is resent once with the other field.
 */
final class OpenAiModelPort implements ModelPort {

    private final ModelRef model;
    private final String what;
    private final HttpTransport transport;
    private final ChatCompletionsApi api;
    private final ModelCodec codec;
    private final TokenFieldChoices tokenFields;
    private final BooleanSupplier closed;

    OpenAiModelPort(ModelRef model, HttpTransport transport, ChatCompletionsApi api, ModelCodec codec,
            TokenFieldChoices tokenFields, BooleanSupplier closed) {
        this.model = model;
        this.what = model.toString();
        this.transport = transport;
        this.api = api;
        this.codec = codec;
        this.tokenFields = tokenFields;
        this.closed = closed;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("provider " + model.provider()
                    + " is closed; create a new OpenAiProvider to call " + model);
        }
        TokenLimitField field = tokenFields.fieldFor(model.model());
        try {
            return send(request, context, field);
        } catch (TokenFieldRejected rejected) {
            tokenFields.remember(model.model(), field.other());
            try {
                return send(request, context, field.other());
            } catch (TokenFieldRejected again) {
                throw again.failure();
            }
        }
    }

    private ChatResponse send(ChatRequest request, CallContext context, TokenLimitField field) {
        ChatCompletionRequest body;
        try {
            body = codec.requests().map(request, model.model(), field);
        } catch (JsonProcessingException e) {
            throw codec.failures().invalidRequest("the JSON schema of response format \""
                    + request.responseFormat().map(ResponseFormat::name).orElse("") + "\" is not valid JSON", e);
        }
        TokenLimitField sent = request.options().maxOutputTokens().isPresent() ? field : null;
        return transport.exchange(what, api.create(body).request(), context,
                reader(sent, request.stream() ? context.streamListener() : StreamListener.NONE));
    }

    /**
     * Reads the response to one call; a 400 that refuses the token-limit field the request carried
     * ({@code sentField}, null if none) is a {@link TokenFieldRejected}, so the call can be resent.
     */
    private ResponseReader<ChatResponse> reader(TokenLimitField sentField, StreamListener listener) {
        return ResponseReader.of(
                (head, error) -> rejected(head, ErrorBody.parse(error, head, codec.json()), sentField),
                (head, body) -> new CompletionReader(codec).read(head, body, listener),
                head -> new StreamAssembler(codec, head, listener),
                codec.failures()::transport);
    }

    private RuntimeException rejected(HttpHead head, ErrorBody error, TokenLimitField sentField) {
        ModelCallException mapped = codec.failures().rejected(head, error);
        if (head.status() == 400 && sentField != null && error.rejectsParameter(sentField.wireName())) {
            return new TokenFieldRejected(mapped);
        }
        return mapped;
    }

    @Override
    public String toString() {
        return "OpenAiModelPort[" + model + " at " + transport.baseUrl() + "]";
    }
}
