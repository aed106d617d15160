package dev.detour.transport;

import dev.detour.core.spi.HttpLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** A loopback MockWebServer and the transports pointed at it; closes both. */
final class Loopback implements AutoCloseable {

    static final Secret KEY = Secret.of("sk-transport-test-0a1b2c3d4e5f");
    static final HttpLimits GENEROUS = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 8L * 1024 * 1024, 64);

    static HttpLimits withMaxResponseBytes(long value) {
        return new HttpLimits(GENEROUS.connectTimeout(), GENEROUS.readTimeout(), GENEROUS.callTimeout(), value,
                GENEROUS.maxConcurrentCalls());
    }

    static HttpLimits withTimeouts(Duration connect, Duration read, Duration call) {
        return new HttpLimits(connect, read, call, GENEROUS.maxResponseBytes(), GENEROUS.maxConcurrentCalls());
    }

    static HttpLimits withMaxConcurrentCalls(int value) {
        return new HttpLimits(GENEROUS.connectTimeout(), GENEROUS.readTimeout(), GENEROUS.callTimeout(),
                GENEROUS.maxResponseBytes(), value);
    }

    final MockWebServer server = new MockWebServer();
    private final List<HttpTransport> transports = new ArrayList<>();

    Loopback() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the loopback server", e);
        }
    }

    HttpTransport transport(HttpLimits limits, Credential credential, DeadlineTimer deadlines) {
        HttpTransport transport = new HttpTransport("test", server.url("/v1").uri(), limits, credential, deadlines);
        transports.add(transport);
        return transport;
    }

    HttpTransport transport(HttpLimits limits) {
        return transport(limits, Credential.bearer(KEY), new ManualDeadlines());
    }

    HttpTransport transport() {
        return transport(GENEROUS);
    }

    static Request post(HttpTransport transport) {
        return new Request.Builder().url(transport.baseUrl().resolve("chat/completions"))
                .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    }

    static String exchange(HttpTransport transport) {
        return transport.exchange("test:model", post(transport), Optional.empty(), new RecordingReader());
    }

    static String exchange(HttpTransport transport, Instant deadline) {
        return transport.exchange("test:model", post(transport), Optional.of(deadline), new RecordingReader());
    }

    /** The transport failure of an exchange that must fail in transport. */
    static TransportFailure failureOf(HttpTransport transport) {
        try {
            exchange(transport);
        } catch (RecordingReader.Failure failure) {
            return failure.failure;
        }
        throw new AssertionError("the exchange did not fail in transport");
    }

    void enqueue(MockResponse.Builder response) {
        server.enqueue(response.build());
    }

    static MockResponse.Builder json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body);
    }

    static MockResponse.Builder sse(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body);
    }

    RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    @Override
    public void close() {
        transports.forEach(HttpTransport::close);
        server.close();
    }
}
