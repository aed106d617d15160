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

/** Writes one behaviour onto an exchange: waits its latency, then sends, drips, cuts or drops as it says. */
final class Responder {

    private static final byte[] PADDING = filled(64 * 1024);
    private static final int CHUNKED = 0;
    private static final int NO_BODY = -1;

    private Responder() {}

    static void respond(HttpExchange exchange, Behaviour behaviour, Reply reply, Dice dice) throws IOException, InterruptedException {
        Decorated decorated = Decorated.of(behaviour);
        pause(decorated.latency().draw(dice));
        Map<String, String> extra = decorated.headers();
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        switch (decorated.inner()) {
            case Ok ok -> {
                if (reply.stream()) {
                    events(exchange, extra, reply.completion().events(ok.finishReason(), reply.includeUsage()));
                } else {
                    fixed(exchange, 200, ContentTypes.JSON, reply.completion().json(ok.finishReason()), extra);
                }
            }
            case StatusResponse status -> fixed(exchange, status.status(), status.contentType(),
                    status.body().getBytes(StandardCharsets.UTF_8), extra);
            case HtmlPage page -> {
                exchange.getResponseHeaders().remove(Reply.INFERENCE_PROVIDER);
                fixed(exchange, page.status(), ContentTypes.HTML, page.html().getBytes(StandardCharsets.UTF_8), extra);
            }
            case MalformedJson malformed -> fixed(exchange, 200, ContentTypes.JSON, reply.completion().truncatedJson(), extra);
            case Disconnect disconnect -> disconnect(exchange, disconnect, reply, extra);
            case SlowDrip drip -> drip(exchange, drip, reply, extra);
            case StreamCut cut -> {
                OutputStream out = begin(exchange, 200, ContentTypes.EVENT_STREAM, CHUNKED, extra);
                writeEvents(out, firstEvents(reply, cut.afterEvents()));
                if (cut.abrupt()) {
                    throw new DroppedConnection();
                }
                out.close();
            }
            case StreamError error -> {
                OutputStream out = begin(exchange, 200, ContentTypes.EVENT_STREAM, CHUNKED, extra);
                writeEvents(out, firstEvents(reply, error.afterEvents()));
                writeEvents(out, List.of("data: " + error.errorJson() + "\n\n"));
                out.close();
            }
            case Oversized oversized -> oversized(exchange, oversized, reply, extra);
            case Decorated nested -> throw new IllegalStateException("a decorated behaviour wraps another: " + nested);
        }
    }

    private static void disconnect(HttpExchange exchange, Disconnect disconnect, Reply reply, Map<String, String> extra)
            throws IOException {
        if (disconnect.beforeHeaders()) {
            throw new DroppedConnection();
        }
        byte[] body = reply.okBody(Ok.STOP);
        int cut = disconnect.afterBytes() == Disconnect.HALF
                ? body.length / 2
                : Math.min(disconnect.afterBytes(), body.length - 1);
        OutputStream out = begin(exchange, 200, reply.okContentType(), reply.stream() ? CHUNKED : body.length, extra);
        out.write(body, 0, cut);
        out.flush();
        throw new DroppedConnection();
    }

    private static void drip(HttpExchange exchange, SlowDrip drip, Reply reply, Map<String, String> extra)
            throws IOException, InterruptedException {
        byte[] body = reply.okBody(Ok.STOP);
        OutputStream out = begin(exchange, 200, reply.okContentType(), CHUNKED, extra);
        for (int offset = 0; offset < body.length; offset += drip.chunkBytes()) {
            if (offset > 0) {
                pause(drip.interval());
            }
            out.write(body, offset, Math.min(drip.chunkBytes(), body.length - offset));
            out.flush();
        }
        out.close();
    }

    private static void oversized(HttpExchange exchange, Oversized oversized, Reply reply, Map<String, String> extra)
            throws IOException {
        byte[][] frame = reply.completion().aroundContent();
        long padding = Math.max(0, oversized.bytes() - frame[0].length - frame[1].length);
        OutputStream out = begin(exchange, 200, ContentTypes.JSON, frame[0].length + padding + frame[1].length, extra);
        out.write(frame[0]);
        for (long left = padding; left > 0; left -= PADDING.length) {
            out.write(PADDING, 0, (int) Math.min(PADDING.length, left));
        }
        out.write(frame[1]);
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

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
