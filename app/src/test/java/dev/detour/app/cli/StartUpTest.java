package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.Environment;
import dev.detour.app.provider.Sources;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the quick commands load, from the JVM's own log of the classes a child JVM loads: {@code models} reads the
 * configuration and says which sources are searched without building the Guice graph, opening an HTTP client
 * or building the other commands; {@code --version} builds no command at all.
 */
class StartUpTest {

    private static final Pattern LOADED = Pattern.compile("^\\[[^]]*]\\[[^]]*]\\[class,load *] (\\S+) ");

    @TempDir
    Path directory;

    private List<String> classesLoadedBy(String... args) throws IOException, InterruptedException {
        Path log = directory.resolve("classes.log");
        ChildCli.Result child = ChildCli.run(directory,
                Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log + ":uptime,level,tags"), args);
        assertThat(child.exit()).as(child.err()).isZero();
        return Files.readAllLines(log).stream().map(LOADED::matcher).filter(Matcher::find).map(line -> line.group(1))
                .toList();
    }

    @Test
    void modelsBuildsNeitherTheInjectorNorAnHttpClientNorTheOtherCommands() throws Exception {
        List<String> loaded = classesLoadedBy("models");

        assertThat(loaded).contains(ModelsCommand.class.getName(), Sources.Searched.class.getName())
                .doesNotContain(RunCommand.class.getName(), DoctorCommand.class.getName(), ServeCommand.class.getName())
                .noneMatch(name -> name.startsWith("com.google.inject.internal.") || name.startsWith("okhttp3.")
                        || name.startsWith("retrofit2.") || name.startsWith("com.fasterxml.jackson.dataformat.yaml."));
    }

    @Test
    void aCommandBuiltAloneHasTheNameAndHelpItHasInTheWholeTree() {
        CliContext context = new CliContext(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()), Environment.of(Map.of()), directory, false);
        CommandLine whole = Main.commandLine(context);
        assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS);

        for (String name : Main.SUBCOMMANDS) {
            CommandLine inWhole = whole.getSubcommands().get(name);
            assertThat(inWhole.getCommand().getClass().getAnnotation(Command.class).name()).isEqualTo(name);
            CommandLine alone = Main.commandLine(context, name, "--help");
            assertThat(alone.getSubcommands().keySet()).as(name).isEqualTo(
                    name.equals("help") || name.equals("completion") ? whole.getSubcommands().keySet() : Set.of(name));
            assertThat(alone.getSubcommands().get(name).getUsageMessage()).as(name).isEqualTo(inWhole.getUsageMessage());
        }
    }

    @Test
    void versionReadsNoConfigurationAndBuildsNoCommand() throws Exception {
        List<String> loaded = classesLoadedBy("--version");

        assertThat(loaded).contains(BuildInfo.class.getName())
                .doesNotContain("picocli.CommandLine", ConfigLoader.class.getName(), ModelsCommand.class.getName());
    }
}
