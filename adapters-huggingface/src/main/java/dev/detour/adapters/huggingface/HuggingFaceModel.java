package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.ResponseFormat;
import dev.detour.core.model.StreamListener;
import java.time.Clock;
import java.util.concurrent.CancellationException;

/** The {@link ModelPort} of one model id at the router. */
final class HuggingFaceModel implements ModelPort {

    private final ModelRef model;
    private final Endpoint endpoint;
    private final RouterClient client;
    private final RequestMapper requests;
    private final FailureMapper failures;
    private final Answers answers;
    private final CompletionReader completions;

    HuggingFaceModel(HuggingFaceSettings settings, RouterClient client, String modelId, Clock clock) {
        HfModelId id = HfModelId.parse(modelId);
        this.model = ModelRef.of(settings.providerName(), modelId);
        this.endpoint = Endpoint.of(client.baseUrl(), id, settings.providerRoutes());
        this.client = client;
        this.requests = new RequestMapper(client.json());
        this.failures = new FailureMapper(model, id, settings, client.baseUrl().host(), clock);
        this.answers = new Answers(model, id, failures);
        this.completions = new CompletionReader(client.json(), failures, answers);
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the call to " + model + " was not started: the calling thread is interrupted");
        }
        boolean structured = request.responseFormat().isPresent();
        ChatCompletionRequest body;
        try {
            body = requests.map(request, endpoint.bodyModel());
        } catch (JsonProcessingException e) {
            throw failures.invalidRequest("the JSON schema of response format \""
                    + request.responseFormat().map(ResponseFormat::name).orElse("") + "\" is not valid JSON", e);
        }
        try (Exchange exchange = client.send(endpoint, body, request.stream(), model.toString(), context.deadline())) {
            return switch (exchange.next()) {
                case Signal.Rejected rejected -> throw failures.rejected(rejected.head(),
                        ErrorBody.parse(rejected.body(), rejected.head(), client.json()), structured);
                case Signal.Failed failed -> throw failures.transport(failed.error(), null);
                case Signal.Head head -> answer(exchange, head.head(), structured,
                        request.stream() ? context.streamListener() : StreamListener.NONE);
                default -> throw new IllegalStateException("a response body came before the response head");
            };
        }
    }

    private ChatResponse answer(Exchange exchange, HttpHead head, boolean structured, StreamListener listener) {
        Signal signal = exchange.next();
        if (signal instanceof Signal.Body body) {
            return completions.read(head, body.bytes(), structured, listener);
        }
        StreamAssembler stream = new StreamAssembler(client.json(), failures, answers, head, structured, listener);
        while (true) {
            switch (signal) {
                case Signal.Event event -> {
                    if (!stream.accept(event.event())) {
                        exchange.release();
                        return stream.finish();
                    }
                }
                case Signal.End end -> {
                    return stream.finish();
                }
                case Signal.Failed failed -> throw failures.transport(failed.error(), head);
                default -> throw new IllegalStateException("unexpected " + signal.getClass().getSimpleName()
                        + " in the body of a response");
            }
            signal = exchange.next();
        }
    }

    @Override
    public String toString() {
        return "HuggingFaceModel[" + model + " at " + endpoint.url() + "]";
    }
}
