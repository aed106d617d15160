package dev.detour.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Names Detour and its version in every request ({@code User-Agent: detour/0.1.0}), in place of OkHttp's. */
final class UserAgent implements Interceptor {

    static final String VALUE = "detour/" + version();

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header("User-Agent", VALUE).build());
    }

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
