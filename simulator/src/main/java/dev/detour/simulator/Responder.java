package dev.detour.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Writes one behaviour onto an exchange for a model or a source: waits its latency, then sends, drips, cuts or drops as it says. */
final class Responder {

    private static final int PADDING_CHUNK = 64 * 1024;
    private static final int CHUNKED = 0;
    private static final int NO_BODY = -1;

    private Responder() {}

    static void respond(HttpExchange exchange, Behaviour behaviour, Answer answer, Dice dice) throws IOException, InterruptedException {
        Decorated decorated = Decorated.of(behaviour);
        pause(decorated.latency().draw(dice));
        Map<String, String> extra = decorated.headers();
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        switch (decorated.inner()) {
            case Ok ok -> ok(exchange, ok, answer, extra);
            case StatusResponse status -> fixed(exchange, status.status(), status.contentType(),
                    status.body().getBytes(StandardCharsets.UTF_8), extra);
            case HtmlPage page -> {
                exchange.getResponseHeaders().remove(Reply.INFERENCE_PROVIDER);
                fixed(exchange, page.status(), ContentTypes.HTML, page.html().getBytes(StandardCharsets.UTF_8), extra);
            }
            case MalformedJson malformed -> {
                Answer.Body truncated = answer.truncated();
                fixed(exchange, 200, truncated.contentType(), truncated.bytes(), extra);
            }
            case Disconnect disconnect -> disconnect(exchange, disconnect, answer.normal(), extra);
            case SlowDrip drip -> drip(exchange, drip, answer.normal(), extra);
            case StreamCut cut -> {
                OutputStream out = begin(exchange, 200, ContentTypes.EVENT_STREAM, CHUNKED, extra);
                writeEvents(out, firstEvents(chat(answer, "stream-cut"), cut.afterEvents()));
                if (cut.abrupt()) {
                    throw new DroppedConnection();
                }
                out.close();
            }
            case StreamError error -> {
                Reply reply = chat(answer, "stream-error");
                OutputStream out = begin(exchange, 200, ContentTypes.EVENT_STREAM, CHUNKED, extra);
                writeEvents(out, firstEvents(reply, error.afterEvents()));
                writeEvents(out, List.of("data: " + error.errorJson() + "\n\n"));
                out.close();
            }
            case Oversized oversized -> oversized(exchange, oversized, answer.padded(), extra);
            case ErrorIn200 error -> {
                EvidenceAnswer evidence = evidence(answer, "error-in-200");
                fixed(exchange, 200, evidence.contentType(), evidence.errorIn200(error.message()), extra);
            }
            case NoHits none -> {
                EvidenceAnswer evidence = evidence(answer, "no-hits");
                fixed(exchange, 200, evidence.contentType(), evidence.noHits(), extra);
            }
            case Decorated nested -> throw new IllegalStateException("a decorated behaviour wraps another: " + nested);
        }
    }

    private static void ok(HttpExchange exchange, Ok ok, Answer answer, Map<String, String> extra) throws IOException {
        switch (answer) {
            case Reply reply when reply.stream() ->
                    events(exchange, extra, reply.completion().events(ok.finishReason(), reply.includeUsage()));
            case Reply reply -> fixed(exchange, 200, ContentTypes.JSON, reply.completion().json(ok.finishReason()), extra);
            case EvidenceAnswer evidence -> {
                Answer.Body body = evidence.normal();
                fixed(exchange, 200, body.contentType(), body.bytes(), extra);
            }
        }
    }

    private static Reply chat(Answer answer, String kind) {
        if (answer instanceof Reply reply) {
            return reply;
        }
        throw new IllegalStateException("kind " + kind + " reached a source; scenarios refuse it for sources");
    }

    private static EvidenceAnswer evidence(Answer answer, String kind) {
        if (answer instanceof EvidenceAnswer evidence) {
            return evidence;
        }
        throw new IllegalStateException("kind " + kind + " reached a model; scenarios refuse it for models");
    }

    private static void disconnect(HttpExchange exchange, Disconnect disconnect, Answer.Body normal, Map<String, String> extra)
            throws IOException {
        if (disconnect.beforeHeaders()) {
            throw new DroppedConnection();
        }
        byte[] body = normal.bytes();
        int cut = disconnect.afterBytes() == Disconnect.HALF
                ? body.length / 2
                : Math.min(disconnect.afterBytes(), body.length - 1);
        OutputStream out = begin(exchange, 200, normal.contentType(), normal.streamed() ? CHUNKED : body.length, extra);
        out.write(body, 0, cut);
        out.flush();
        throw new DroppedConnection();
    }

    private static void drip(HttpExchange exchange, SlowDrip drip, Answer.Body normal, Map<String, String> extra)
            throws IOException, InterruptedException {
        byte[] body = normal.bytes();
        OutputStream out = begin(exchange, 200, normal.contentType(), CHUNKED, extra);
        for (int offset = 0; offset < body.length; offset += drip.chunkBytes()) {
            if (offset > 0) {
                pause(drip.interval());
            }
            out.write(body, offset, Math.min(drip.chunkBytes(), body.length - offset));
            out.flush();
        }
        out.close();
    }

    private static void oversized(HttpExchange exchange, Oversized oversized, Answer.Padded frame, Map<String, String> extra)
            throws IOException {
        byte[] head = frame.head();
        byte[] tail = frame.tail();
        byte[] fill = new byte[PADDING_CHUNK];
        Arrays.fill(fill, frame.fill());
        long padding = Math.max(0, oversized.bytes() - head.length - tail.length);
        OutputStream out = begin(exchange, 200, frame.contentType(), head.length + padding + tail.length, extra);
        out.write(head);
        for (long left = padding; left > 0; left -= fill.length) {
            out.write(fill, 0, (int) Math.min(fill.length, left));
        }
        out.write(tail);
        out.close();
    }

    private static void events(HttpExchange exchange, Map<String, String> extra, List<String> events) throws IOException {
        OutputStream out = begin(exchange, 200, ContentTypes.EVENT_STREAM, CHUNKED, extra);
        writeEvents(out, events);
        out.close();
    }

    private static List<String> firstEvents(Reply reply, int count) {
        List<String> events = reply.completion().contentEvents();
        return events.subList(0, Math.min(count, events.size()));
    }

    private static void writeEvents(OutputStream out, List<String> events) throws IOException {
        for (String event : events) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Sends {@code status} with {@code body} and nothing scripted, for answers the scenario does not choose. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        fixed(exchange, status, contentType, body, Map.of());
    }

    private static void fixed(HttpExchange exchange, int status, String contentType, byte[] body, Map<String, String> extra)
            throws IOException {
        boolean sendsBody = HttpStatuses.allowsBody(status) && body.length > 0;
        OutputStream out = begin(exchange, status, contentType, sendsBody ? body.length : NO_BODY, extra);
        if (sendsBody) {
            out.write(body);
        }
        out.close();
    }

    /** Sends the status and headers; {@code length} is the body's size, {@link #CHUNKED} or {@link #NO_BODY}. */
    private static OutputStream begin(HttpExchange exchange, int status, String contentType, long length,
            Map<String, String> extra) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        if (contentType.startsWith("text/event-stream")) {
            headers.set("Cache-Control", "no-cache");
        }
        extra.forEach(headers::set);
        exchange.sendResponseHeaders(status, length);
        return exchange.getResponseBody();
    }

    private static void pause(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    }
}
