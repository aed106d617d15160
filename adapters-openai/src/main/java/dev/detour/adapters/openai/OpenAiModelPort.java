package dev.detour.adapters.openai;

import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import java.net.URI;
import java.util.function.BooleanSupplier;

/**
 * One model at one OpenAI-compatible provider. It sends each call once (retries and fallbacks are the
 * chain's), except that a rejected token-limit field is resent once with the other field.
 */
final class OpenAiModelPort implements ModelPort {

    private final ModelRef model;
    private final URI baseUrl;
    private final ChatCompletionsApi api;
    private final RequestMapper requests;
    private final ResponseHandler responses;
    private final Exchange exchange;
    private final TokenFieldChoices tokenFields;
    private final BooleanSupplier closed;

    OpenAiModelPort(ModelRef model, URI baseUrl, ChatCompletionsApi api, RequestMapper requests,
            ResponseHandler responses, Exchange exchange, TokenFieldChoices tokenFields, BooleanSupplier closed) {
        this.model = model;
        this.baseUrl = baseUrl;
        this.api = api;
        this.requests = requests;
        this.responses = responses;
        this.exchange = exchange;
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
        TokenLimitField sent = request.options().maxOutputTokens().isPresent() ? field : null;
        return exchange.run(AttemptDeadline.apply(api.create(requests.map(model.model(), request, field)), context.deadline()),
                (response, deltas) -> responses.handle(response, request.stream(), sent, deltas),
                context.streamListener());
    }

    @Override
    public String toString() {
        return "OpenAiModelPort[" + model + " at " + baseUrl + "]";
    }
}
