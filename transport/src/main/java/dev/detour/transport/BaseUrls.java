package dev.detour.transport;

import dev.detour.core.internal.Require;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.wire.LoopbackHosts;
import java.net.URI;

/**
 * Checks a configured entry's base URL before a transport is built for it: an absolute {@code http(s)} URL,
 * and plain {@code http://} only to a loopback host unless the entry allows insecure http.
 */
public final class BaseUrls {

    private BaseUrls() {}

    /**
     * The base URL of {@code settings}, checked.
     *
     * @param example a URL to suggest in the message, such as the service's public API root
     * @throws IllegalArgumentException saying what is wrong and what to write instead
     */
    public static URI checked(AdapterSettings settings, URI example) {
        Require.nonNull(settings, "settings");
        Require.nonNull(example, "example");
        URI url = settings.baseUrl();
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("base-url of " + settings.name() + " must be an http(s) URL such as "
                    + example);
        }
        if ("http".equals(url.getScheme()) && !settings.allowInsecureHttp() && !LoopbackHosts.isLoopback(url.getHost())) {
            throw new IllegalArgumentException("base-url of " + settings.name() + " uses plain http to " + url.getHost()
                    + ", which would send its requests (and any key) unencrypted; use https, or allow insecure http"
                    + " for this entry if the network is trusted");
        }
        return url;
    }
}
