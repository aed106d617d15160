package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
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
class OriginBoundCredentialTest {

    private final Loopback loopback = new Loopback();
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
    void aBearerTravelsOnceAsTheAuthorizationHeader() throws Exception {
        loopback.enqueue(Loopback.json(200, "{}"));

        Loopback.exchange(loopback.transport());

        RecordedRequest request = loopback.takeRequest();
        assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + Loopback.KEY.reveal());
        for (String name : request.getHeaders().names()) {
            if (!name.equalsIgnoreCase("Authorization")) {
                assertThat(request.getHeaders().values(name)).as(name)
                        .noneMatch(value -> value.contains(Loopback.KEY.reveal()));
            }
        }
    }

    @Test
    void aNamedHeaderCarriesTheKeyAsItIs() throws Exception {
        loopback.enqueue(Loopback.json(200, "{}"));

        Loopback.exchange(loopback.transport(Loopback.GENEROUS, Credential.header("x-api-key", Loopback.KEY),
                new ManualDeadlines()));

        RecordedRequest request = loopback.takeRequest();
        assertThat(request.getHeaders().values("x-api-key")).containsExactly(Loopback.KEY.reveal());
        assertThat(request.getHeaders().values("Authorization")).isEmpty();
    }

    @Test
    void withoutACredentialNoKeyHeaderIsSent() throws Exception {
        loopback.enqueue(Loopback.json(200, "{}"));

        Loopback.exchange(loopback.transport(Loopback.GENEROUS, Credential.none(), new ManualDeadlines()));

        assertThat(loopback.takeRequest().getHeaders().values("Authorization")).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedAndIsReportedWithWhatToConfigure() throws Exception {
        loopback.enqueue(new MockResponse.Builder().code(307)
                .setHeader("Location", elsewhere.url("/v1/chat/completions").toString()));

        TransportFailure failure = Loopback.failureOf(loopback.transport());

        assertThat(failure.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
        assertThat(failure.head()).map(HttpHead::status).contains(307);
        assertThat(failure.detail()).contains("redirects are not followed").contains("base URL")
                .contains(elsewhere.url("/v1/chat/completions").toString());
        assertThat(elsewhere.takeRequest(200, TimeUnit.MILLISECONDS)).as("request at the other host").isNull();
    }

    @Test
    void writesTheKeyOnlyForItsOwnOriginEvenWhenAClientFollowsRedirects() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        loopback.server.enqueue(new MockResponse.Builder().code(307)
                .setHeader("Location", elsewhere.url("/landing").toString()).build());
        HttpUrl origin = loopback.server.url("/v1/");
        OkHttpClient following = new OkHttpClient.Builder()
                .addNetworkInterceptor(new WireRules(Optional.of(new OriginBoundCredential(Credential.bearer(Loopback.KEY), origin))))
                .build();

        try (Response response = following.newCall(new Request.Builder().url(origin.resolve("chat/completions"))
                .header("Authorization", "Bearer someone-elses-key").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        } finally {
            following.dispatcher().executorService().shutdown();
            following.connectionPool().evictAll();
        }

        RecordedRequest atOrigin = loopback.takeRequest();
        assertThat(atOrigin.getHeaders().values("Authorization")).containsExactly("Bearer " + Loopback.KEY.reveal());
        RecordedRequest atOtherHost = elsewhere.takeRequest(2, TimeUnit.SECONDS);
        assertThat(atOtherHost).isNotNull();
        assertThat(atOtherHost.getHeaders().values("Authorization")).isEmpty();
    }

    @Test
    void aNamedHeaderIsRemovedFromARequestToAnotherOriginThatOkHttpWouldNotStrip() throws Exception {
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        loopback.server.enqueue(new MockResponse.Builder().code(307)
                .setHeader("Location", elsewhere.url("/landing").toString()).build());
        HttpUrl origin = loopback.server.url("/v1/");
        OkHttpClient following = new OkHttpClient.Builder()
                .addNetworkInterceptor(new WireRules(Optional.of(new OriginBoundCredential(Credential.header("x-api-key", Loopback.KEY), origin))))
                .build();

        try (Response response = following.newCall(new Request.Builder().url(origin.resolve("messages"))
                .header("x-api-key", "a-key-set-by-hand").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        } finally {
            following.dispatcher().executorService().shutdown();
            following.connectionPool().evictAll();
        }

        assertThat(loopback.takeRequest().getHeaders().values("x-api-key")).containsExactly(Loopback.KEY.reveal());
        RecordedRequest atOtherHost = elsewhere.takeRequest(2, TimeUnit.SECONDS);
        assertThat(atOtherHost).isNotNull();
        assertThat(atOtherHost.getHeaders().values("x-api-key")).isEmpty();
    }

    @Test
    void credentialsAndTransportsPrintNoKey() {
        Secret key = Loopback.KEY;

        assertThat(Credential.bearer(key).toString()).doesNotContain(key.reveal()).contains("authorization");
        assertThat(Credential.header("x-api-key", key).toString()).doesNotContain(key.reveal());
        assertThat(loopback.transport().toString()).doesNotContain(key.reveal());
        assertThat(new OriginBoundCredential(Credential.bearer(key), loopback.server.url("/")).toString())
                .doesNotContain(key.reveal());
    }
}
