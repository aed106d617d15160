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

    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    Replies(ObjectMapper mapper, int maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The body as text; over the limit is a 413, whether the client declared its length or not. */
    String body(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBodyBytes) {
            throw ApiException.tooLarge(maxBodyBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw ApiException.tooLarge(maxBodyBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
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
