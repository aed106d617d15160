package dev.detour.core.wire;

import dev.detour.core.internal.Require;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) apart from everything else,
 * without asking DNS: the one rule for where plain {@code http://} may carry a key without
 * {@code allow-insecure-http}.
 */
public final class LoopbackHosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private LoopbackHosts() {}

    /** Whether {@code host} (a name, an IPv4 literal, or an IPv6 literal with or without brackets) is loopback. */
    public static boolean isLoopback(String host) {
        Require.nonNull(host, "host");
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost")) {
            return true;
        }
        if (name.contains(":")) {
            return isIpv6Loopback(name);
        }
        Matcher v4 = IPV4_LOOPBACK.matcher(name);
        return v4.matches() && octet(v4.group(1)) && octet(v4.group(2)) && octet(v4.group(3));
    }

    private static boolean octet(String digits) {
        return Integer.parseInt(digits) <= 255;
    }

    private static boolean isIpv6Loopback(String address) {
        if (address.equals("::1")) {
            return true;
        }
        String[] groups = address.split(":", -1);
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
