package dev.detour.adapters.openai;

import java.util.Locale;
import java.util.regex.Pattern;

/** Tells loopback host names and literals apart from everything else, without asking DNS. */
final class LoopbackHosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private LoopbackHosts() {}

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost")
                || name.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(name).matches()
                || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1");
    }
}
