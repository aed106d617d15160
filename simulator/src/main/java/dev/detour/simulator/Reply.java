package dev.detour.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What one request is answered from: its call, who answers, the response headers every behaviour sends
 * ({@code x-request-id}, and {@code x-inference-provider} on the router), and the completion, built only
 * when a behaviour needs it.
 */
final class Reply implements Answer {

    static final String REQUEST_ID = "x-request-id";
    static final String INFERENCE_PROVIDER = "x-inference-provider";

    private final ChatCall call;
    private final String model;
    private final String answeredBy;
    private final String requestId;
    private final boolean sufficient;
    private final int arrayItems;
    private final Map<String, String> headers;
    private Completion completion;

    Reply(ChatCall call, String model, String answeredBy, String requestId, boolean sufficient, int arrayItems,
            Map<String, String> headers) {
        this.call = call;
        this.model = model;
        this.answeredBy = answeredBy;
        this.requestId = requestId;
        this.sufficient = sufficient;
        this.arrayItems = arrayItems;
        this.headers = Map.copyOf(headers);
    }

    boolean stream() {
        return call.stream();
    }

    boolean includeUsage() {
        return call.includeUsage();
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public Body normal() {
        return new Body(okContentType(), okBody(Ok.STOP), stream());
    }

    @Override
    public Body truncated() {
        return new Body(ContentTypes.JSON, completion().truncatedJson(), false);
    }

    @Override
    public Padded padded() {
        byte[][] frame = completion().aroundContent();
        return new Padded(ContentTypes.JSON, frame[0], frame[1], (byte) 'x');
    }

    Completion completion() {
        if (completion == null) {
            String content = Answers.content(call, answeredBy, sufficient, arrayItems);
            completion = new Completion("chatcmpl-" + requestId, System.currentTimeMillis() / 1000, model, content,
                    Answers.tokens(call.promptChars()), Answers.tokens(content.length()), call.surface(), call.tool());
        }
        return completion;
    }

    /** The bytes of a normal answer: the SSE events when the call asked for a stream, else the JSON body. */
    byte[] okBody(String finishReason) {
        if (stream()) {
            return String.join("", completion().events(finishReason, includeUsage()))
                    .getBytes(StandardCharsets.UTF_8);
        }
        return completion().json(finishReason);
    }

    String okContentType() {
        return stream() ? ContentTypes.EVENT_STREAM : ContentTypes.JSON;
    }
}
