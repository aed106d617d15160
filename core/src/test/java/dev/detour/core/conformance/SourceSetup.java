package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.HttpLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the evidence-source kit asks an adapter to configure when it builds the source under test.
 * The adapter must honour every value: the kit's timeout and size-cap scenarios depend on them.
 *
 * @param baseUrl the loopback server's base URL, such as {@code http://127.0.0.1:40123/eutils}
 * @param sourceName the name the source is configured under; every record and failure must carry it
 * @param apiKey the key to send, for a source that takes one
 * @param connectTimeout the connect timeout
 * @param readTimeout the longest silence between two reads
 * @param callTimeout the longest a whole request may take
 * @param maxResponseBytes the response size cap
 */
public record SourceSetup(
        URI baseUrl,
        String sourceName,
        Optional<Secret> apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxResponseBytes) {

    public SourceSetup {
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonBlank(sourceName, "sourceName");
        Require.nonNull(apiKey, "apiKey");
        Require.positive(connectTimeout, "connectTimeout");
        Require.positive(readTimeout, "readTimeout");
        Require.positive(callTimeout, "callTimeout");
        Require.positive(maxResponseBytes, "maxResponseBytes");
    }

    /** The setup's timeouts and size cap as an adapter's HTTP limits, allowing {@code maxConcurrentCalls}. */
    public HttpLimits limits(int maxConcurrentCalls) {
        return new HttpLimits(connectTimeout, readTimeout, callTimeout, maxResponseBytes, maxConcurrentCalls);
    }

    SourceSetup withReadTimeout(Duration value) {
        return new SourceSetup(baseUrl, sourceName, apiKey, connectTimeout, value, callTimeout, maxResponseBytes);
    }

    SourceSetup withCallTimeout(Duration value) {
        return new SourceSetup(baseUrl, sourceName, apiKey, connectTimeout, readTimeout, value, maxResponseBytes);
    }

    SourceSetup withBaseUrl(URI value) {
        return new SourceSetup(value, sourceName, apiKey, connectTimeout, readTimeout, callTimeout, maxResponseBytes);
    }
}
