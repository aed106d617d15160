package dev.detour.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code detour --version} prints: the version, the git commit and date of the build (written into
 * {@code build.properties} at build time), and the JDK running it. A build outside git says the commit is
 * unknown rather than failing.
 */
final class BuildInfo implements IVersionProvider {

    static final String RESOURCE = "/dev/detour/app/cli/build.properties";
    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties build = read();
        return new String[] {
            "detour " + value(build, "version"),
            "commit " + value(build, "commit") + ", built " + value(build, "built"),
            "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") at "
                    + System.getProperty("java.home")
        };
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the detour jar", e);
        }
        return properties;
    }

    /** The property, or "unknown" when it is missing or was not filled in at build time. */
    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.contains("${") ? UNKNOWN : value;
    }
}
