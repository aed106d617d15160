package dev.detour.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The heap histogram of this JVM, and with {@code -Dscale.diagnostics.threads=true} its thread dump (JSON,
 * virtual threads included), written where {@code -Dscale.diagnostics} names, to see what the runs in flight
 * hold; nothing is written without it.
 */
final class HeapDiagnostics {

    private static final String DIRECTORY = System.getProperty("scale.diagnostics");
    private static final boolean THREADS = Boolean.getBoolean("scale.diagnostics.threads");

    private HeapDiagnostics() {}

    /** Writes {@code <label>.histogram.txt} and {@code <label>.threads.json}, as asked to. */
    static void write(String label) throws IOException {
        if (DIRECTORY == null) {
            return;
        }
        Path directory = Files.createDirectories(Path.of(DIRECTORY));
        Files.writeString(directory.resolve(label + ".histogram.txt"), command("gcClassHistogram"));
        if (THREADS) {
            Path threads = directory.resolve(label + ".threads.json").toAbsolutePath();
            Files.deleteIfExists(threads);
            command("threadDumpToFile", "-format=json", threads.toString());
        }
    }

    private static String command(String operation, String... arguments) throws IOException {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                    new Object[] {arguments}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IOException("the diagnostic command " + operation + " failed: " + e.getMessage(), e);
        }
    }
}
