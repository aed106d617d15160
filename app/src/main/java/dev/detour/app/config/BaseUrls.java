package dev.detour.app.config;

import dev.detour.core.wire.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a provider's base URL (DESIGN §6): an absolute {@code http(s)} URL with a host and no credentials,
 * and plain {@code http://} only to a loopback host unless the provider allows insecure http.
 */
final class BaseUrls {

    private BaseUrls() {}

    /** The URL, if usable; {@code keyed} says whether the provider sends a key, which decides how plain http is refused. */
    static Optional<URI> check(String text, boolean allowInsecureHttp, boolean keyed, KeyPath path, Problems problems) {
        return check(text, allowInsecureHttp, keyed, path, problems, "every prompt", "provider");
    }

    /** The same check for an entry that is a {@code entry} (such as a source) and would send {@code what} unkeyed. */
    static Optional<URI> check(String text, boolean allowInsecureHttp, boolean keyed, KeyPath path, Problems problems,
            String what, String entry) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            problems.add(path, Shown.quoted(text) + " is not a URL; write an absolute http(s) URL such as https://api.openai.com/v1");
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            problems.add(path, Shown.quoted(text)
                    + " is not an absolute http(s) URL; write one with scheme and host, such as https://api.openai.com/v1");
            return Optional.empty();
        }
        if (url.getRawUserInfo() != null) {
            problems.add(path, "must not contain a user name or password; " + SecretScan.NOT_HERE
                    + ", put the key in the environment variable named by token-env");
            return Optional.empty();
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            problems.add(path, Shown.quoted(text)
                    + " must not have a query or fragment; write only scheme, host, port and path, such as https://api.openai.com/v1");
            return Optional.empty();
        }
        if (scheme.equals("http") && !allowInsecureHttp && !LoopbackHosts.isLoopback(url.getHost())) {
            problems.add(path, Shown.quoted(text) + " would send " + (keyed ? "the key" : what)
                    + " unencrypted to " + url.getHost() + ", which is not a loopback host; use https://, or set"
                    + " allow-insecure-http: true on this " + entry + " if the network is trusted");
            return Optional.empty();
        }
        return Optional.of(url);
    }
}
