package dev.detour.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rules honest about what they see: every module of the reactor (read from the root pom, no
 * hand-kept list) must have its main classes on this module's class path, so a module that is not a
 * dependency of architecture-tests fails the build instead of silently escaping every rule.
 */
class ReactorCoverageTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** This module, and the benchmark tool: a shaded command-line program outside the product's layers. */
    private static final Set<String> NOT_PRODUCT_CODE = Set.of("architecture-tests", "benchmarks");

    @Test
    void everyModuleOfTheReactorIsSeenByTheRules() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String pom = Files.readString(root.resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher matcher = MODULE.matcher(pom);
        while (matcher.find()) {
            modules.add(matcher.group(1).strip());
        }
        assertThat(modules).as("modules of the root pom").contains("core", "app");

        List<String> missing = new ArrayList<>();
        for (String module : modules) {
            if (NOT_PRODUCT_CODE.contains(module)) {
                continue;
            }
            Optional<String> sample = sampleClass(root.resolve(module).resolve("src/main/java"));
            if (sample.isPresent() && !loadable(sample.get())) {
                missing.add(module + " (e.g. " + sample.get() + ")");
            }
        }

        assertThat(missing)
                .as("modules whose classes the architecture rules cannot see; add each as a dependency of"
                        + " architecture-tests/pom.xml")
                .isEmpty();
    }

    private static Optional<String> sampleClass(Path sources) throws IOException {
        if (!Files.isDirectory(sources)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("package-info.java"))
                    .sorted()
                    .findFirst()
                    .map(file -> sources.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", ""));
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, ReactorCoverageTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
