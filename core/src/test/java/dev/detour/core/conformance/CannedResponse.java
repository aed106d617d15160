package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP response the kit's loopback server sends back to the adapter under test: a status, headers
 * and a body, exactly as the provider would put them on the wire.
 *
 * @param status the HTTP status code
 * @param headers response headers, in order; a name may repeat
 * @param body the response body (JSON, an SSE transcript, HTML, plain text...)
 */
public record CannedResponse(int status, List<Header> headers, String body) {

    /** One response header. */
    public record Header(String name, String value) {
        public Header {
            Require.nonBlank(name, "name");
            Require.nonNull(value, "value");
        }
    }

    public CannedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, was " + status);
        }
        headers = List.copyOf(Require.nonNull(headers, "headers"));
        Require.nonNull(body, "body");
    }

    /** A JSON body with {@code status}. */
    public static CannedResponse json(int status, String body) {
        return of(status, "application/json", body);
    }

    /** An HTTP 200 Server-Sent Events stream. */
    public static CannedResponse sse(String body) {
        return of(200, "text/event-stream; charset=utf-8", body);
    }

    /** A body of any content type with {@code status}. */
    public static CannedResponse of(int status, String contentType, String body) {
        Require.nonBlank(contentType, "contentType");
        return new CannedResponse(status, List.of(new Header("Content-Type", contentType)), body);
    }

    /** This response with one more header. */
    public CannedResponse withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new CannedResponse(status, more, body);
    }

    /** This response with another body and the same status and headers. */
    public CannedResponse withBody(String value) {
        return new CannedResponse(status, headers, value);
    }
}
