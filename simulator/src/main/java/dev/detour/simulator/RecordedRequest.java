package dev.detour.simulator;

import dev.detour.core.internal.Require;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the {@link ProviderSimulator} received, for tests to assert on. Credentials never appear:
 * the value of {@code Authorization} (and of other credential headers) and of an {@code api_key} parameter
 * (in the query or a form body) is kept to its first 4 characters.
 *
 * @param receivedAt when it arrived
 * @param method the HTTP method
 * @param path the request target, such as {@code /hf/v1/chat/completions} or
 *     {@code /eutils/esearch.fcgi?db=pubmed&term=tides&retmode=json&api_key=abcd****}
 * @param headers the headers by lower-case name
 * @param body the body as UTF-8 text
 * @param model the model as scenarios name it, such as {@code hf:Qwen/Qwen2.5-72B-Instruct:novita} or
 *     {@code openai:gpt-4o-mini} (a per-provider path's provider becomes the route); empty if the request named none
 * @param source the evidence source endpoint as scenarios name it, such as {@code pubmed:esearch} or
 *     {@code openalex:works}; empty for a request to a model or to no known endpoint
 */
public record RecordedRequest(
        Instant receivedAt, String method, String path, Map<String, List<String>> headers, String body, String model,
        String source) {

    public RecordedRequest {
        Require.nonNull(receivedAt, "receivedAt");
        Require.nonNull(method, "method");
        Require.nonNull(path, "path");
        Require.nonNull(body, "body");
        Require.nonNull(model, "model");
        Require.nonNull(source, "source");
        Map<String, List<String>> copy = new TreeMap<>();
        Require.nonNull(headers, "headers").forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of the header {@code name}, in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
