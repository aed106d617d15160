package dev.detour.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Talks to a simulator the way a provider client does, with the JDK's HTTP client. */
final class SimulatorClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SimulatorClient() {}

    static HttpResponse<String> post(URI url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and expects the transport to fail, returning the failure. */
    static IOException failingPost(URI url, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("expected the connection to fail, got HTTP " + response.statusCode() + ": "
                    + response.body());
        } catch (IOException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI chatUrl(URI base) {
        return URI.create(base + "/chat/completions");
    }

    static URI routerChatUrl(ProviderSimulator simulator) {
        return URI.create(simulator.huggingFaceBaseUrl() + "/v1/chat/completions");
    }

    static HttpResponse<String> openAi(ProviderSimulator simulator, String body) {
        return post(chatUrl(simulator.openAiBaseUrl()), body);
    }

    static HttpResponse<String> router(ProviderSimulator simulator, String body) {
        return post(routerChatUrl(simulator), body);
    }

    static String chat(String model, String prompt) {
        return request(model, prompt).toString();
    }

    static String streamingChat(String model, String prompt, boolean includeUsage) {
        ObjectNode request = request(model, prompt);
        request.put("stream", true);
        if (includeUsage) {
            request.putObject("stream_options").put("include_usage", true);
        }
        return request.toString();
    }

    static String structuredChat(String model, String prompt, String schema) {
        ObjectNode request = request(model, prompt);
        ObjectNode format = request.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", "Answer");
        jsonSchema.put("strict", true);
        jsonSchema.set("schema", json(schema));
        return request.toString();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String content(HttpResponse<String> response) {
        return json(response.body()).path("choices").path(0).path("message").path("content").asText();
    }

    /** The blocks of an SSE body, each without its blank-line terminator; fails if a block does not end with one. */
    static List<String> events(String body) {
        if (!body.isEmpty() && !body.endsWith("\n\n")) {
            throw new AssertionError("an SSE body must end with a blank line, was: ..." + body.substring(Math.max(0, body.length() - 40)));
        }
        return body.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(body.split("\n\n")));
    }

    private static ObjectNode request(String model, String prompt) {
        ObjectNode request = JSON.createObjectNode();
        request.put("model", model);
        ObjectNode system = request.putArray("messages").addObject();
        system.put("role", "system");
        system.put("content", "You are careful.");
        ObjectNode user = ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("messages")).addObject();
        user.put("role", "user");
        user.put("content", prompt);
        return request;
    }
}
