package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.secret.Redaction;
import dev.detour.core.secret.Secret;
import java.util.Optional;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that echoes the key it was sent, whatever the key's shape, never gets it, or a piece of it of
 * eight characters or more, to the adapter: the transport redacts it from everything the provider returns.
 */
class EchoedKeyRedactionTest {

    private static final Secret SHAPELESS = Secret.of("Zq81mXv0TyWb7Lk2Pc9RfGd4");
    private static final String PIECE = "mXv0TyWb7L";

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    private HttpTransport transport(Credential credential) {
        return loopback.transport(Loopback.GENEROUS, credential, new ManualDeadlines());
    }

    @Test
    void anErrorBodyEchoingAKeyOfNoKnownShapeReachesTheAdapterRedacted() {
        loopback.enqueue(Loopback.json(401, "{\"error\":\"bad key " + SHAPELESS.reveal() + " (starts " + PIECE + ")\"}"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(transport(Credential.bearer(SHAPELESS))));

        assertThat(rejection.text()).doesNotContain(SHAPELESS.reveal()).doesNotContain(PIECE)
                .contains("bad key " + Redaction.MASK);
    }

    @Test
    void anErrorEventInsideA200StreamReachesTheAdapterRedacted() {
        loopback.enqueue(Loopback.sse("event: error\ndata: {\"error\":\"key " + SHAPELESS.reveal() + "\"}\n\n"
                + "data: [DONE]\n\n"));

        String events = Loopback.exchange(transport(Credential.header("x-api-key", SHAPELESS)));

        assertThat(events).doesNotContain(SHAPELESS.reveal()).contains("key " + Redaction.MASK);
    }

    @Test
    void theEventTypeAndIdOfAStreamEchoingTheKeyReachTheAdapterRedacted() {
        loopback.enqueue(Loopback.sse("event: " + SHAPELESS.reveal() + "\nid: id-" + PIECE + "\ndata: {}\n\n"
                + "data: [DONE]\n\n"));
        HttpTransport transport = transport(Credential.header("x-api-key", SHAPELESS));
        RecordingReader reader = new RecordingReader();

        transport.exchange("test:model", Loopback.post(transport), Optional.empty(), reader);

        assertThat(reader.events.get(0).type()).isEqualTo(Redaction.MASK);
        assertThat(reader.events.get(0).id()).contains("id-" + Redaction.MASK);
        assertThat(reader.events.get(0).data()).isEqualTo("{}");
    }

    @Test
    void aResponseHeaderNameEchoingTheKeyReachesTheAdapterRedacted() {
        loopback.enqueue(Loopback.json(500, "busy").addHeader("x-echo-" + PIECE, "1"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(transport(Credential.bearer(SHAPELESS))));

        assertThat(rejection.head.headers().names()).contains("x-echo-" + Redaction.MASK)
                .noneMatch(name -> name.contains(PIECE));
    }

    @Test
    void aResponseHeaderEchoingTheKeyReachesTheAdapterRedacted() {
        loopback.enqueue(Loopback.json(500, "busy").addHeader("x-request-id", "req-" + PIECE));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(transport(Credential.bearer(SHAPELESS))));

        assertThat(rejection.head.header("x-request-id")).isEqualTo("req-" + Redaction.MASK);
    }

    @Test
    void aRedirectToAUrlHoldingTheKeyIsReportedRedacted() {
        loopback.enqueue(Loopback.json(302, "").addHeader("Location", "https://elsewhere.example/?k=" + SHAPELESS.reveal()));

        TransportFailure failure = Loopback.failureOf(transport(Credential.bearer(SHAPELESS)));

        assertThat(failure.detail()).doesNotContain(SHAPELESS.reveal()).contains(Redaction.MASK);
    }

    @Test
    void aQueryParameterKeyTravelsOnTheWireButIsInNoUrlTheAdapterSees() throws Exception {
        loopback.enqueue(Loopback.json(429, "slow down"));
        HttpTransport transport = transport(Credential.queryParameter("api_key", SHAPELESS));
        Request request = new Request.Builder().url(transport.baseUrl().resolve("works?search=tides")).get().build();

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> transport.exchange("test works", request, Optional.empty(), new RecordingReader()));

        assertThat(loopback.takeRequest().getUrl().queryParameter("api_key")).isEqualTo(SHAPELESS.reveal());
        assertThat(rejection.head.url().toString()).doesNotContain(SHAPELESS.reveal()).contains("search=tides");
        assertThat(rejection.head.toString()).doesNotContain(SHAPELESS.reveal());
    }

    @Test
    void aShortKeyIsRedactedWhereItOccursWhole() {
        Secret shortKey = Secret.of("k3y-42");
        loopback.enqueue(Loopback.json(403, "key k3y-42 refused; k3y- is a prefix"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(transport(Credential.bearer(shortKey))));

        assertThat(rejection.text()).isEqualTo("key " + Redaction.MASK + " refused; k3y- is a prefix");
    }

    @Test
    void aKeylessTransportPassesTheBodyUntouched() {
        loopback.enqueue(Loopback.json(401, "token " + SHAPELESS.reveal()));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(transport(Credential.none())));

        assertThat(rejection.text()).isEqualTo("token " + SHAPELESS.reveal());
    }
}
