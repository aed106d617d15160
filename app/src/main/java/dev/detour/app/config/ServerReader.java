package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@code server} section; missing keys take {@link ServerConfig#defaults()}. */
final class ServerReader {

    static final List<String> KEYS = List.of("max-concurrent-runs", "cors-origins", "shutdown-grace");

    private static final String ORIGIN_HINT = "use an origin such as https://research.example.org, with no path";

    private ServerReader() {}

    static Optional<ServerConfig> read(Section server) {
        ServerConfig defaults = ServerConfig.defaults();
        server.allowOnly(KEYS);
        Optional<Integer> maxConcurrentRuns = server.wholeNumber("max-concurrent-runs", defaults.maxConcurrentRuns(), 1);
        Optional<List<String>> origins = server.has("cors-origins")
                ? origins(server.get("cors-origins"), server.at("cors-origins"), server.problems())
                : Optional.of(defaults.corsOrigins());
        Optional<Duration> grace = server.duration("shutdown-grace", defaults.shutdownGrace());
        if (maxConcurrentRuns.isEmpty() || origins.isEmpty() || grace.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerConfig(maxConcurrentRuns.get(), origins.get(), grace.get()));
    }

    private static Optional<List<String>> origins(JsonNode node, KeyPath path, Problems problems) {
        if (!node.isArray()) {
            problems.add(path, "expected a list of origins, found " + Values.found(node) + " (" + ORIGIN_HINT + ")");
            return Optional.empty();
        }
        List<String> origins = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < node.size(); i++) {
            KeyPath at = path.index(i);
            Optional<String> text = Values.text(node.get(i), at, "an origin", ORIGIN_HINT, problems);
            if (text.isEmpty()) {
                valid = false;
            } else if (!isOrigin(text.get())) {
                problems.add(at, Shown.quoted(text.get()) + " is not an origin (" + ORIGIN_HINT + ")");
                valid = false;
            } else {
                origins.add(text.get());
            }
        }
        return valid ? Optional.of(origins) : Optional.empty();
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
