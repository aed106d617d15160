package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A redirect is not followed, so the key reaches the configured origin and nothing else (that the key is
 * written for its own origin only is pinned by the transport's {@code OriginBoundCredentialTest}).
 */
class RedirectAndKeyTest {

    private final LoopbackProvider loopback = new LoopbackProvider();
    private final MockWebServer elsewhere = new MockWebServer();

    @BeforeEach
    void startElsewhere() throws IOException {
        elsewhere.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void close() {
        loopback.close();
        elsewhere.close();
    }

    @Test
    void doesNotFollowARedirectToAnotherHostAndSaysWhatToConfigure() throws Exception {
        loopback.server().enqueue(new MockResponse.Builder().code(307)
                .setHeader("Location", elsewhere.url("/v1/chat/completions").toString()).build());

        ModelCallException thrown = catchThrowableOfType(ModelCallException.class,
                () -> loopback.provider().model("gpt-4o-mini").chat(ChatRequest.of(ChatMessage.user("hi"))));

        assertThat(thrown.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(thrown.httpStatus()).hasValue(307);
        assertThat(thrown.detail()).contains("redirects are not followed");
        assertThat(elsewhere.takeRequest(200, TimeUnit.MILLISECONDS)).as("request at the other host").isNull();
    }
}
