package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** An HTML error page is summarised by its title and host, never shown. */
class HtmlPagesTest {

    private static HttpHead head(String contentType) {
        return new HttpHead(502, Headers.of("Content-Type", contentType), HttpUrl.get("https://gateway.example.com/v1"));
    }

    @Test
    void summarisesAPageByItsTitle() {
        String page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>"
                + "<p>padding</p>".repeat(500) + "</body></html>";

        assertThat(HtmlPages.summary(head("text/html"), page))
                .contains("HTML error page from gateway.example.com (\"502 Bad Gateway\")");
    }

    @Test
    void recognisesAPageByItsStartWhenTheContentTypeIsWrong() {
        assertThat(HtmlPages.summary(head("text/plain"), "  <html><body>down</body></html>"))
                .contains("HTML error page from gateway.example.com");
    }

    @Test
    void leavesTextThatIsNotHtmlAlone() {
        assertThat(HtmlPages.summary(head("application/json"), "{\"error\":\"<b>bold</b>\"}")).isEmpty();
    }
}
