package dev.detour.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a second {@code openai} provider type on the current thread's class path, the way a stray adapter jar
 * would: a folder whose {@code META-INF/services} registers {@link ImpostorProviderType}. Close it to restore
 * the class path.
 */
public final class ClassPathWithImpostor implements AutoCloseable {

    private final Thread thread = Thread.currentThread();
    private final ClassLoader previous = thread.getContextClassLoader();
    private final URLClassLoader loader;

    private ClassPathWithImpostor(URLClassLoader loader) {
        this.loader = loader;
        thread.setContextClassLoader(loader);
    }

    /** Writes the registration under {@code folder} and makes it part of this thread's class path. */
    public static ClassPathWithImpostor install(Path folder) {
        try {
            Path services = Files.createDirectories(folder.resolve("META-INF/services"));
            Files.writeString(services.resolve("dev.detour.core.spi.ProviderType"),
                    ImpostorProviderType.class.getName() + "\n");
            return new ClassPathWithImpostor(new URLClassLoader(new URL[] {folder.toUri().toURL()},
                    Thread.currentThread().getContextClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        thread.setContextClassLoader(previous);
        loader.close();
    }
}
