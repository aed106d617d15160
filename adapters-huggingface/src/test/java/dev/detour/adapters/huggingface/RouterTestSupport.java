package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer standing in for the router on loopback, and providers pointed at it. */
abstract class RouterTestSupport {

    static final String TOKEN = "hf_TestOnlyTokenAbCdEf0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server;
    private final List<HuggingFaceProvider> providers = new ArrayList<>();

    @BeforeEach
    void startRouter() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopRouter() {
        providers.forEach(HuggingFaceProvider::close);
        server.close();
    }

    /**
     * Short timeouts, for a test whose router stays silent for far longer, so that they fire; every other test
     * keeps generous ones, so a cold or loaded JVM never turns an answer into a timeout.
     */
    static final UnaryOperator<HuggingFaceSettings> SHORT_TIMEOUTS = settings -> settings.withTimeouts(
            Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofSeconds(3));

    /** Settings for the mock router with a token, and generous timeouts. */
    HuggingFaceSettings settings() {
        return HuggingFaceSettings.defaults()
                .withBaseUrl(server.url("/").uri())
                .withToken(Secret.of(TOKEN), "HF_TOKEN")
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    ModelPort port(String modelId) {
        return port(modelId, UnaryOperator.identity());
    }

    ModelPort port(String modelId, UnaryOperator<HuggingFaceSettings> change) {
        HuggingFaceProvider provider = HuggingFaceProvider.create(change.apply(settings()));
        providers.add(provider);
        return provider.model(modelId);
    }

    static ChatRequest question() {
        return ChatRequest.of(ChatMessage.user("What is deep learning?"));
    }

    static String fixture(String name) {
        try (InputStream in = RouterTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name + " in src/test/resources/fixtures");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse.Builder json(int status, String body) {
        return new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body);
    }

    static MockResponse.Builder sse(String body) {
        return new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(body);
    }

    void enqueue(MockResponse.Builder response) {
        server.enqueue(response.build());
    }

    RecordedRequest recorded() {
        try {
            RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the router").isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode bodyOf(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failure of asking {@code port} {@code request}, which must be a {@link ModelCallException}. */
    static ModelCallException failureOf(ModelPort port, ChatRequest request) {
        ModelCallException failure = catchThrowableOfType(ModelCallException.class, () -> port.chat(request));
        assertThat(failure).as("the call failed with a ModelCallException").isNotNull();
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        return failure;
    }
}
