package dev.detour.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The {@code User-Agent} every request carries in place of OkHttp's: Detour and its version ({@code detour/0.1.0}). */
final class UserAgent {

    static final String HEADER = "User-Agent";
    static final String VALUE = "detour/" + version();

    private UserAgent() {}

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? "dev" : version;
    }
}
