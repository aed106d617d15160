package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code detour} in a child JVM, through {@link Main#main}, with the C locale, no config variable and
 * its home (the run store) in the test's folder.
 */
final class ChildCli {

    /** What the child wrote, its bytes decoded as UTF-8. */
    record Result(int exit, String out, String err) {}

    private ChildCli() {}

    static Result run(Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(directory, "out", ".bin");
        Path err = Files.createTempFile(directory, "err", ".bin");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> variables = builder.environment();
        variables.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.equals("DETOUR_CONFIG"));
        variables.put("LC_ALL", "C");
        variables.put("TERM", "xterm");
        variables.put("DETOUR_HOME", directory.resolve("home").toString());
        variables.putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
