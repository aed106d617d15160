package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import dev.detour.core.secret.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * Everything the kit asks an adapter to configure when it builds the port under test. The adapter must
 * honour every value: the kit's timeout and size-cap scenarios depend on them.
 *
 * @param baseUrl the loopback server's base URL, such as {@code http://127.0.0.1:40123/v1}
 * @param model the provider name and model id the port is bound to
 * @param apiKey the key to send, in the header the adapter's kit subclass names (a bearer token by default)
 * @param connectTimeout the connect timeout
 * @param readTimeout the longest silence between two reads
 * @param callTimeout the longest a whole call may take
 * @param maxResponseBytes the response size cap
 */
public record PortSetup(
        URI baseUrl,
        ModelRef model,
        Secret apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxResponseBytes) {

    public PortSetup {
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(model, "model");
        Require.nonNull(apiKey, "apiKey");
        Require.positive(connectTimeout, "connectTimeout");
        Require.positive(readTimeout, "readTimeout");
        Require.positive(callTimeout, "callTimeout");
        Require.positive(maxResponseBytes, "maxResponseBytes");
    }

    PortSetup withReadTimeout(Duration value) {
        return new PortSetup(baseUrl, model, apiKey, connectTimeout, value, callTimeout, maxResponseBytes);
    }

    PortSetup withCallTimeout(Duration value) {
        return new PortSetup(baseUrl, model, apiKey, connectTimeout, readTimeout, value, maxResponseBytes);
    }

    PortSetup withBaseUrl(URI value) {
        return new PortSetup(value, model, apiKey, connectTimeout, readTimeout, callTimeout, maxResponseBytes);
    }
}
