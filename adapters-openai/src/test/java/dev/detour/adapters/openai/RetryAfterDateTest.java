package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@code Retry-After} given as an HTTP date becomes the wait from now until then. */
class RetryAfterDateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final LoopbackProvider loopback = new LoopbackProvider();

    @AfterEach
    void close() {
        loopback.close();
    }

    @Test
    void waitsUntilTheHttpDateOfRetryAfter() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(45).atOffset(ZoneOffset.UTC));
        loopback.server().enqueue(new MockResponse.Builder().code(429)
                .setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", date)
                .setHeader("x-request-id", "req_date1")
                .body(Payloads.ERROR_429_RATE).build());
        OpenAiProvider provider = loopback.provider(UnaryOperator.identity(), Clock.fixed(NOW, ZoneOffset.UTC));

        RateLimitedException thrown = catchThrowableOfType(RateLimitedException.class,
                () -> provider.model("gpt-4o-mini").chat(ChatRequest.of(ChatMessage.user("hi"))));

        assertThat(thrown.retryAfter()).hasValue(Duration.ofSeconds(45));
        assertThat(thrown.httpStatus()).hasValue(429);
        assertThat(thrown.providerCode()).hasValue("rate_limit_exceeded");
        assertThat(thrown.requestId()).hasValue("req_date1");
    }
}
