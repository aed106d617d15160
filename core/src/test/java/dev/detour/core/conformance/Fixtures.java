package dev.detour.core.conformance;

import dev.detour.core.internal.Require;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads captured payloads from the test classpath, byte for byte, so cases can quote real traffic. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * The UTF-8 text of classpath resource {@code path}, such as {@code fixtures/openai-chat-completion.json}.
     *
     * @throws IllegalArgumentException if there is no such resource
     */
    public static String text(String path) {
        Require.nonBlank(path, "path");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource \"" + path
                        + "\"; copy the fixture under src/test/resources/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read test resource \"" + path + "\"", e);
        }
    }
}
