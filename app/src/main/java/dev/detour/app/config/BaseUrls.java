package dev.detour.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a provider's base URL (DESIGN §6): an absolute {@code http(s)} URL with a host and no credentials,
 * and plain {@code http://} only to a loopback host unless the provider allows insecure http.
 */
final class BaseUrls {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private BaseUrls() {}

    static Optional<URI> check(String text, boolean allowInsecureHttp, KeyPath path, Problems problems) {
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
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(url.getHost())) {
            problems.add(path, Shown.quoted(text) + " would send the key unencrypted to " + url.getHost()
                    + ", which is not a loopback host; use https://, or set allow-insecure-http: true on this provider"
                    + " if the network is trusted");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    /** Whether {@code host} is {@code localhost}, in {@code 127.0.0.0/8} or {@code ::1}, without asking DNS. */
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            return isIpv6Loopback(name.substring(1, name.length() - 1));
        }
        if (name.equals("localhost")) {
            return true;
        }
        var v4 = LOOPBACK_V4.matcher(name);
        return v4.matches() && octet(v4.group(1)) && octet(v4.group(2)) && octet(v4.group(3));
    }

    private static boolean octet(String digits) {
        return Integer.parseInt(digits) <= 255;
    }

    private static boolean isIpv6Loopback(String address) {
        String[] groups = address.split(":", -1);
        if (address.equals("::1")) {
            return true;
        }
        if (groups.length != 8) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (!groups[i].matches("0{1,4}")) {
                return false;
            }
        }
        return groups[7].matches("0{0,3}1");
    }
}
