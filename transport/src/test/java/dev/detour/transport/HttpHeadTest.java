package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The provider's request id comes from its own header first, then from the generic one. */
class HttpHeadTest {

    private static HttpHead head(String... headers) {
        return new HttpHead(200, Headers.of(headers), HttpUrl.get("https://api.example.com/v1/messages"));
    }

    @Test
    void prefersTheProvidersOwnRequestIdHeader() {
        assertThat(head("request-id", "req_1", "x-request-id", "gw_1").requestId("request-id")).contains("req_1");
        assertThat(head("request-id", "req_1", "x-request-id", "gw_1").requestId()).contains("gw_1");
    }

    @Test
    void fallsBackToTheGenericHeaderWhenItsOwnIsMissingOrBlank() {
        assertThat(head("x-request-id", "gw_1").requestId("request-id")).contains("gw_1");
        assertThat(head("request-id", " ", "x-request-id", "gw_1").requestId("request-id")).contains("gw_1");
        assertThat(head().requestId("request-id")).isEmpty();
    }
}
