package dev.detour.adapters.huggingface;

import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/** The status line and headers of a response, and where it came from. */
record HttpHead(int status, Headers headers, HttpUrl url) {

    /** A header's value, or null when absent. */
    String header(String name) {
        return headers.get(name);
    }

    String host() {
        return url.host();
    }

    String contentType() {
        String value = headers.get("Content-Type");
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    boolean isEventStream() {
        return contentType().contains("text/event-stream");
    }
}
