package dev.detour.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an evidence source answers one search or fetch with when all is well, and the same request's
 * zero-hit answer and error-inside-200 answer, built only when a behaviour asks for them.
 */
final class EvidenceAnswer implements Answer, SourceService.Outcome {

    private final String contentType;
    private final byte[] body;
    private final Supplier<String> noHits;
    private final Function<String, String> errorIn200;

    /** An answer of a source that has no error inside HTTP 200. */
    EvidenceAnswer(String contentType, String body, Supplier<String> noHits) {
        this(contentType, body, noHits, message -> {
            throw new IllegalStateException("this source has no error inside HTTP 200; scenarios refuse error-in-200 for it");
        });
    }

    /**
     * @param errorIn200 the body of an error inside HTTP 200 with a given message
     */
    EvidenceAnswer(String contentType, String body, Supplier<String> noHits, Function<String, String> errorIn200) {
        this.contentType = contentType;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.noHits = noHits;
        this.errorIn200 = errorIn200;
    }

    /** None beyond {@code x-request-id}, which every answer carries. */
    @Override
    public Map<String, String> headers() {
        return Map.of();
    }

    String contentType() {
        return contentType;
    }

    @Override
    public Body normal() {
        return new Body(contentType, body, false);
    }

    @Override
    public Body truncated() {
        return new Body(contentType, Arrays.copyOf(body, body.length / 2), false);
    }

    /** Split before the closing brace of a JSON body or the closing tag of an XML one, where white space may go. */
    @Override
    public Padded padded() {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = contentType.startsWith(ContentTypes.JSON) ? text.lastIndexOf('}') : text.lastIndexOf("</");
        return new Padded(contentType, text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                text.substring(at).getBytes(StandardCharsets.UTF_8), (byte) ' ');
    }

    byte[] noHits() {
        return noHits.get().getBytes(StandardCharsets.UTF_8);
    }

    byte[] errorIn200(String message) {
        return errorIn200.apply(message).getBytes(StandardCharsets.UTF_8);
    }
}
