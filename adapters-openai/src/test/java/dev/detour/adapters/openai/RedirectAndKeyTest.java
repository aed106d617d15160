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
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key reaches the configured origin and nothing else, redirects included. */
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

    @Test
    void bearerAuthWritesTheKeyOnlyForItsOwnOriginEvenWhenAClientFollowsRedirects() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        loopback.server().enqueue(new MockResponse.Builder().code(307)
                .setHeader("Location", elsewhere.url("/landing").toString()).build());
        HttpUrl origin = loopback.server().url("/v1/");
        OkHttpClient following = new OkHttpClient.Builder()
                .addNetworkInterceptor(new BearerAuth(LoopbackProvider.KEY, origin))
                .build();

        try (Response response = following.newCall(new Request.Builder().url(origin.resolve("chat/completions"))
                .header("Authorization", "Bearer someone-elses-key").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        } finally {
            following.dispatcher().executorService().shutdown();
            following.connectionPool().evictAll();
        }

        RecordedRequest atOrigin = loopback.takeRequest();
        assertThat(atOrigin.getHeaders().values("Authorization")).containsExactly("Bearer " + LoopbackProvider.KEY.reveal());
        RecordedRequest atOtherHost = elsewhere.takeRequest(2, TimeUnit.SECONDS);
        assertThat(atOtherHost).isNotNull();
        assertThat(atOtherHost.getHeaders().values("Authorization")).isEmpty();
    }
}
