package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.StreamListener;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exchange under a call's context carries the context's extra request headers, and only those, and every
 * request names Detour as its user agent.
 */
class RequestHeadersTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void theContextsRequestHeadersGoOnTheRequest() throws InterruptedException {
        loopback.enqueue(Loopback.json(200, "{}"));
        HttpTransport transport = loopback.transport();
        CallContext context = new CallContext(StreamListener.NONE, AttemptListener.NONE, Optional.of(Instant.now().plusSeconds(30)))
                .withRequestHeaders(Map.of("traceparent", TRACEPARENT));

        transport.exchange("test:model", Loopback.post(transport), context, new RecordingReader());

        RecordedRequest request = loopback.takeRequest();
        assertThat(request.getHeaders().get("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + Loopback.KEY.reveal());
    }

    @Test
    void aContextWithoutRequestHeadersAddsNone() throws InterruptedException {
        loopback.enqueue(Loopback.json(200, "{}"));
        HttpTransport transport = loopback.transport();

        transport.exchange("test:model", Loopback.post(transport), CallContext.none(), new RecordingReader());

        assertThat(loopback.takeRequest().getHeaders().names()).doesNotContain("traceparent", "tracestate");
    }

    @Test
    void everyRequestNamesDetourAsItsUserAgentInPlaceOfOkHttp() throws InterruptedException {
        loopback.enqueue(Loopback.json(200, "{}"));
        HttpTransport transport = loopback.transport();

        transport.exchange("test:model", Loopback.post(transport).newBuilder().header("User-Agent", "someone-else").build(),
                CallContext.none(), new RecordingReader());

        assertThat(loopback.takeRequest().getHeaders().values("User-Agent")).containsExactly(UserAgent.VALUE);
        assertThat(UserAgent.VALUE).startsWith("detour/");
    }
}
