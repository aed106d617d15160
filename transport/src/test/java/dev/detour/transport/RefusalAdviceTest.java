package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.model.ErrorKind;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A refusal's detail keeps the provider's words and says what to do about the key or the model, never the key. */
class RefusalAdviceTest {

    private static final URI BASE = URI.create("https://api.example.com/v1");

    private static RefusalAdvice advice(boolean keySent, Optional<String> variable) {
        return new RefusalAdvice("claude", BASE, "messages", keySent, variable);
    }

    @Test
    void saysTheKeyFromItsVariableWasRefused() {
        assertThat(advice(true, Optional.of("EXAMPLE_KEY")).detail("invalid x-api-key", ErrorKind.AUTHENTICATION_FAILED,
                401, "m-1")).isEqualTo("invalid x-api-key; the key from the environment variable EXAMPLE_KEY was refused:"
                        + " check that it is valid for api.example.com and allowed to use m-1");
    }

    @Test
    void saysWhichVariableToSetWhenNoKeyWasSent() {
        assertThat(advice(false, Optional.of("EXAMPLE_KEY")).detail("no key", ErrorKind.AUTHENTICATION_FAILED, 401, "m-1"))
                .isEqualTo("no key; no API key was sent: set the environment variable EXAMPLE_KEY");
        assertThat(advice(false, Optional.empty()).detail("no key", ErrorKind.AUTHENTICATION_FAILED, 401, "m-1"))
                .isEqualTo("no key; no API key was sent: set the token-env variable of provider claude");
    }

    @Test
    void pointsAtTheModelIdAndTheBaseUrlOnlyWhenNothingIsServedThere() {
        String wrongPath = "; check the model id \"m-1\" and that the base URL https://api.example.com/v1 is the API root"
                + " (messages is appended to it)";
        RefusalAdvice advice = advice(true, Optional.of("EXAMPLE_KEY"));

        assertThat(advice.detail("not found", ErrorKind.MODEL_UNAVAILABLE, 404, "m-1")).isEqualTo("not found" + wrongPath);
        assertThat(advice.detail("no route", ErrorKind.MODEL_UNAVAILABLE, 405, "m-1")).isEqualTo("no route" + wrongPath);
        assertThat(advice.detail("gone", ErrorKind.MODEL_UNAVAILABLE, 410, "m-1")).isEqualTo("gone");
        assertThat(advice.detail("no model", ErrorKind.MODEL_UNAVAILABLE, null, "m-1")).isEqualTo("no model");
        assertThat(advice.detail("slow down", ErrorKind.RATE_LIMITED, 429, "m-1")).isEqualTo("slow down");
    }

    @Test
    void showsTheBaseUrlWithoutTheUserInfoOrQueryAnEmbedderMayHavePutACredentialIn() {
        URI withCredentials = URI.create("https://user:s3cret-pass@api.example.com:8443/v1?key=s3cret-query#s3cret");
        RefusalAdvice advice = new RefusalAdvice("claude", withCredentials, "messages", true, Optional.empty());

        assertThat(advice.detail("not found", ErrorKind.MODEL_UNAVAILABLE, 404, "m-1"))
                .contains("the base URL https://api.example.com:8443/v1 is the API root").doesNotContain("s3cret");
    }

    @Test
    void saysWhenTheProviderGaveNoWords() {
        RefusalAdvice advice = advice(true, Optional.empty());

        assertThat(advice.detail(null, ErrorKind.PROVIDER_UNAVAILABLE, 503, "m-1")).isEqualTo("HTTP 503 with no error message");
        assertThat(advice.detail(null, ErrorKind.PROVIDER_UNAVAILABLE, null, "m-1")).isEqualTo("no error message");
    }
}
