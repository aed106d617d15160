package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child {@code detour} whose standard output is a real pipe the reader closed ({@code detour models | head -1})
 * stops quietly with 141, as a tool that SIGPIPE ended; one whose output is a full disk still fails saying so.
 */
class ClosedOutputTest {

    @TempDir
    Path directory;

    @Test
    void aCommandWhoseReaderClosedThePipeStopsQuietlyWith141() throws Exception {
        for (List<String> args : List.of(List.of("models"), List.of("--version"), List.of("help"), List.of("config"))) {
            Path err = directory.resolve("err.txt");
            Process child = detour(args).redirectError(err.toFile()).start();
            child.getInputStream().close();
            try (OutputStream gate = child.getOutputStream()) {
                gate.write("go\n".getBytes(StandardCharsets.US_ASCII));
            }

            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("%s ended", args).isTrue();
            assertThat(Files.readString(err)).as("%s", args).isEmpty();
            assertThat(child.exitValue()).as("%s", args).isEqualTo(141);
        }
    }

    @Test
    void aRunWhoseReportsReaderClosedThePipeStopsQuietlyWith141() throws Exception {
        Path err = directory.resolve("err.txt");
        Process child = detour(List.of("demo", "--quiet")).redirectError(err.toFile()).start();
        child.getInputStream().close();
        try (OutputStream gate = child.getOutputStream()) {
            gate.write("go\n".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(err)).startsWith("Detour demo:").doesNotContain("could not write");
        assertThat(child.exitValue()).isEqualTo(141);
    }

    @Test
    void aCommandWhoseStandardOutputIsAFullDiskStillFailsSayingSo() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "a Linux /dev/full");
        Path err = directory.resolve("err.txt");
        Process child = detour(List.of("models")).redirectOutput(new File("/dev/full")).redirectError(err.toFile()).start();
        child.getOutputStream().close();

        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).isEqualTo(1);
        assertThat(Files.readString(err)).isEqualTo("detour: could not write to standard output (it is closed, or its disk"
                + " is full); what it shows is incomplete\n");
    }

    /** {@code detour ARGS} in a child JVM that starts only once a line arrives on its standard input. */
    private ProcessBuilder detour(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "read go; exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Files.writeString(directory.resolve("detour.yaml"), "evidence: none\n");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().remove("DETOUR_CONFIG");
        builder.environment().put("DETOUR_HOME", Files.createDirectories(directory.resolve("home")).toString());
        return builder;
    }
}
