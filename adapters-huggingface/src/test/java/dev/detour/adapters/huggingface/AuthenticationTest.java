package dev.detour.adapters.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends RouterTestSupport {

    private static final String NOVITA = fixture("hf-router-novita-chat-completion.json");

    @Test
    void theTokenTravelsOnceAsABearerAuthorizationHeader() {
        enqueue(json(200, NOVITA));

        port("org/model").chat(question());

        RecordedRequest request = recorded();
        assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void theTokenAppearsInNoOtherHeaderAndNotInTheBody() {
        enqueue(json(200, NOVITA));

        port("org/model").chat(question());

        RecordedRequest request = recorded();
        for (String name : request.getHeaders().names()) {
            if (!name.equalsIgnoreCase("Authorization")) {
                assertThat(request.getHeaders().values(name)).as(name).noneMatch(value -> value.contains(TOKEN));
            }
        }
        assertThat(request.getBody().utf8()).doesNotContain(TOKEN);
        assertThat(request.getUrl().toString()).doesNotContain(TOKEN);
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() {
        enqueue(json(200, NOVITA));

        port("org/model", HuggingFaceSettings::withoutToken).chat(question());

        assertThat(recorded().getHeaders().values("Authorization")).isEmpty();
    }

    @Test
    void anAnonymous401SaysATokenIsRequiredAndNamesTheVariable() {
        enqueue(json(401, fixture("hf-router-error-401-invalid-credentials.json")));

        ModelCallException failure = failureOf(port("org/model",
                settings -> settings.withTokenFrom("DETOUR_HF_TOKEN", name -> null)), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(failure.detail()).startsWith("a token is required and none was sent: set DETOUR_HF_TOKEN")
                .contains("Invalid username or password.");
    }

    @Test
    void aRejectedTokenIsAuthenticationFailedWithoutTheTokenInTheMessage() {
        enqueue(json(401, fixture("hf-router-error-401-invalid-credentials.json"))
                .addHeader("X-Error-Message", "Invalid username or password."));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertThat(failure.detail()).contains("Invalid username or password.").contains("HF_TOKEN")
                .doesNotContain("token is required");
        assertThat(failure.toString()).doesNotContain(TOKEN);
    }

    @Test
    void redirectsAreNotFollowedSoTheTokenNeverReachesAnotherHost() throws IOException {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            elsewhere.enqueue(json(200, NOVITA).build());
            enqueue(new MockResponse.Builder().code(307).addHeader("Location", elsewhere.url("/v1/chat/completions")));

            ModelCallException failure = failureOf(port("org/model"), question());

            assertThat(elsewhere.getRequestCount()).isZero();
            assertThat(failure.kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
            assertThat(failure.httpStatus()).hasValue(307);
            assertThat(failure.detail()).contains("redirect").contains("base URL");
        }
    }

    @Test
    void portsAndProvidersPrintNoToken() {
        HuggingFaceProvider provider = HuggingFaceProvider.create(settings());
        try (provider) {
            ModelPort port = provider.model("org/model:novita");

            assertThat(port.toString()).doesNotContain(TOKEN);
            assertThat(provider.toString()).doesNotContain(TOKEN);
            assertThat(provider.settings().toString()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aTokenEchoedByTheProviderIsScrubbedFromTheMessage() {
        enqueue(json(401, "{\"error\":\"Invalid token " + TOKEN + " for this endpoint\"}"));

        ModelCallException failure = failureOf(port("org/model"), question());

        assertThat(failure.detail()).doesNotContain(TOKEN).contains("[redacted]");
    }
}
