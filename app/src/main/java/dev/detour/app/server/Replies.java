package dev.detour.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads request bodies within the size limit, and writes JSON replies and errors. */
final class Replies {

    private static final int DRAINED_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    Replies(ObjectMapper mapper, int maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The body as text; over the limit is a 413, whether the client declared its length or not. An over-limit body
     * of up to {@value #DRAINED_BYTES} bytes is read to its end first, so that a client still sending it reads the 413
     * instead of a reset connection; a client that waits for {@code 100 Continue} is answered at once.
     */
    String body(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxBodyBytes) {
                boolean sending = declared <= DRAINED_BYTES && !"100-continue".equalsIgnoreCase(ctx.header("Expect"));
                throw tooLarge(sending ? in : InputStream.nullInputStream());
            }
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge(in);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private ApiException tooLarge(InputStream rest) {
        byte[] buffer = new byte[8192];
        try {
            for (long left = DRAINED_BYTES; left > 0; left -= buffer.length) {
                if (rest.readNBytes(buffer, 0, buffer.length) < buffer.length) {
                    break;
                }
            }
        } catch (IOException clientGone) {
            // The answer stays the 413, whether or not the client can still read it.
        }
        return ApiException.tooLarge(maxBodyBytes);
    }

    void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a reply could not be written as JSON", e);
        }
    }

    void error(Context ctx, ApiException problem) {
        problem.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
        ObjectNode json = error(problem.type(), problem.getMessage());
        problem.field().ifPresent(field -> ((ObjectNode) json.get("error")).put("field", field));
        json(ctx, problem.status(), json);
    }

    ObjectNode error(String type, String message) {
        ObjectNode json = mapper.createObjectNode();
        json.putObject("error").put("type", type).put("message", message);
        return json;
    }
}
