package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code telemetry} section; missing keys take {@link TelemetryConfig#defaults()}. */
final class TelemetryReader {

    static final List<String> KEYS = List.of("exporter", "endpoint", "protocol", "propagate");

    private TelemetryReader() {}

    static Optional<TelemetryConfig> read(Section telemetry) {
        TelemetryConfig defaults = TelemetryConfig.defaults();
        telemetry.allowOnly(KEYS);
        Optional<String> exporter = choice(telemetry, "exporter", TelemetryConfig.EXPORTERS, defaults.exporter());
        Optional<String> protocol = choice(telemetry, "protocol", TelemetryConfig.PROTOCOLS, defaults.protocol());
        Optional<Optional<URI>> endpoint = telemetry.has("endpoint")
                ? endpoint(telemetry.get("endpoint"), telemetry.at("endpoint"), telemetry.problems()).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Boolean> propagate = telemetry.bool("propagate", defaults.propagate());
        if (exporter.isEmpty() || protocol.isEmpty() || endpoint.isEmpty() || propagate.isEmpty()) {
            return Optional.empty();
        }
        if (endpoint.get().isPresent() && exporter.get().equals("none")) {
            telemetry.problems().add(telemetry.at("endpoint"),
                    "is set but no exporter is; add exporter: otlp to send telemetry there");
            return Optional.empty();
        }
        return Optional.of(new TelemetryConfig(exporter.get(), endpoint.get(), protocol.get(), propagate.get()));
    }

    private static Optional<String> choice(Section section, String key, List<String> allowed, String fallback) {
        if (!section.has(key)) {
            return Optional.of(fallback);
        }
        String hint = "write one of " + String.join(", ", allowed);
        Optional<String> text = Values.text(section.get(key), section.at(key), "text", hint, section.problems());
        if (text.isPresent() && !allowed.contains(text.get().strip())) {
            section.problems().add(section.at(key), Shown.quoted(text.get()) + " is not known; " + hint);
            return Optional.empty();
        }
        return text.map(String::strip);
    }

    private static Optional<URI> endpoint(JsonNode node, KeyPath path, Problems problems) {
        String hint = "write the collector's URL, such as http://localhost:4318";
        Optional<String> text = Values.text(node, path, "a URL", hint, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI url = new URI(text.get().strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getRawUserInfo() == null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(path, Shown.quoted(text.get()) + " is not an absolute http(s) URL without credentials; " + hint);
        return Optional.empty();
    }
}
