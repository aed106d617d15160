package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every exchange sends its request exactly once: retrying is the resilience chain's decision. */
class NoSilentRetryTest {

    private final Loopback loopback = new Loopback();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void a503WithAZeroRetryAfterIsReportedAfterOneRequest() {
        loopback.enqueue(Loopback.json(503, "busy").addHeader("Retry-After", "0"));
        loopback.enqueue(Loopback.json(200, "{}"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(503);
        assertThat(loopback.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a408IsReportedAfterOneRequest() {
        loopback.enqueue(Loopback.json(408, "slow"));
        loopback.enqueue(Loopback.json(200, "{}"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(408);
        assertThat(loopback.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedBeforeTheResponseIsReportedAfterOneRequest() {
        loopback.enqueue(Loopback.json(200, "{}").onResponseStart(SocketEffect.ShutdownConnection.INSTANCE));
        loopback.enqueue(Loopback.json(200, "{}"));

        Loopback.failureOf(loopback.transport());

        assertThat(loopback.server.getRequestCount()).as("no silent retry of a paid POST").isEqualTo(1);
    }

    @Test
    void a503WithARetryAfterBeyondAnIntKeepsItsStatusBodyAndWait() {
        loopback.enqueue(Loopback.json(503, "busy").addHeader("Retry-After", "99999999999"));
        loopback.enqueue(Loopback.json(200, "{}"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(503);
        assertThat(rejection.text()).isEqualTo("busy");
        assertThat(rejection.head.header("Retry-After")).isEqualTo("99999999999");
        assertThat(loopback.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a408WithAHugeRetryAfterKeepsItsStatusAndWait() {
        loopback.enqueue(Loopback.json(408, "slow").addHeader("Retry-After", "99999999999999999999"));
        loopback.enqueue(Loopback.json(200, "{}"));

        RecordingReader.Rejection rejection = catchThrowableOfType(RecordingReader.Rejection.class,
                () -> Loopback.exchange(loopback.transport()));

        assertThat(rejection.head.status()).isEqualTo(408);
        assertThat(rejection.head.header("Retry-After")).isEqualTo("99999999999999999999");
        assertThat(loopback.server.getRequestCount()).isEqualTo(1);
    }
}
