package dev.detour.adapters.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ModelPort;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.ModelProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer on loopback and the Anthropic ports opened against it, closed together. */
final class Loopback implements AutoCloseable {

    static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";

    /** A record the tests ask for as structured output. */
    record Weather(String location, String units) {}

    private final MockWebServer server = new MockWebServer();
    private final List<ModelProvider> providers = new ArrayList<>();

    Loopback() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port for {@code model} at {@code basePath} of this server, sending {@code key}, reading time from {@code clock}. */
    ModelPort port(String basePath, Optional<Secret> key, Clock clock) {
        String url = server.url(basePath).toString();
        AnthropicSettings settings = new AnthropicSettings("claude", URI.create(url.endsWith("/") ? url.substring(0,
                url.length() - 1) : url), key, Optional.of(KEY_VARIABLE),
                new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, 4));
        ModelProvider provider = AnthropicProviderType.open(settings, clock);
        providers.add(provider);
        return provider.model(AnthropicConformanceTest.MODEL);
    }

    ModelPort port(Secret key) {
        return port("/", Optional.of(key), Clock.systemUTC());
    }

    void enqueue(int status, String contentType, String body, String... headerPairs) {
        MockResponse.Builder response = new MockResponse.Builder().code(status).setHeader("Content-Type", contentType).body(body);
        for (int i = 0; i < headerPairs.length; i += 2) {
            response.setHeader(headerPairs[i], headerPairs[i + 1]);
        }
        server.enqueue(response.build());
    }

    RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded).as("a request reached the server").isNotNull();
        return recorded;
    }

    @Override
    public void close() {
        providers.forEach(ModelProvider::close);
        server.close();
    }
}
