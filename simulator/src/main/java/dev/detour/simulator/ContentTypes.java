package dev.detour.simulator;

/** The content types the simulator answers with. */
final class ContentTypes {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private ContentTypes() {}

    /** JSON for a body that starts like JSON, HTML for one that starts with a tag, else plain text. */
    static String guess(String body) {
        String start = body.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return JSON;
        }
        if (start.startsWith("<")) {
            return HTML;
        }
        return TEXT;
    }
}
