package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback MockWebServer and the providers pointed at it, for the adapter's own tests; closes both.
 */
final class LoopbackProvider implements AutoCloseable {

    static final Secret KEY = Secret.of("sk-test-9c8b7a6f5e4d3c2b1a0f9e8d");

    private final MockWebServer server = new MockWebServer();
    private final List<OpenAiProvider> providers = new ArrayList<>();

    LoopbackProvider() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the loopback server", e);
        }
    }

    MockWebServer server() {
        return server;
    }

    URI baseUrl() {
        String url = server.url("/v1").toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Settings for the loopback server with a key and short timeouts, adjusted by {@code change}. */
    OpenAiSettings settings(UnaryOperator<OpenAiSettings.Builder> change) {
        return change.apply(OpenAiSettings.builder()
                        .providerName("local")
                        .baseUrl(baseUrl())
                        .apiKey(KEY)
                        .apiKeyVariable("OPENAI_API_KEY")
                        .connectTimeout(Duration.ofSeconds(1))
                        .readTimeout(Duration.ofSeconds(2))
                        .callTimeout(Duration.ofSeconds(5)))
                .build();
    }

    OpenAiProvider provider(UnaryOperator<OpenAiSettings.Builder> change) {
        return register(OpenAiProvider.create(settings(change)));
    }

    OpenAiProvider provider(UnaryOperator<OpenAiSettings.Builder> change, Clock clock) {
        return register(new OpenAiProvider(settings(change), clock));
    }

    OpenAiProvider provider() {
        return provider(UnaryOperator.identity());
    }

    void enqueue(int status, String contentType, String body) {
        server.enqueue(new MockResponse.Builder().code(status).setHeader("Content-Type", contentType).body(body).build());
    }

    void enqueueJson(int status, String body) {
        enqueue(status, "application/json", body);
    }

    RecordedRequest takeRequest() {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the server").isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    }

    private OpenAiProvider register(OpenAiProvider provider) {
        providers.add(provider);
        return provider;
    }

    @Override
    public void close() {
        providers.forEach(OpenAiProvider::close);
        server.close();
    }
}
