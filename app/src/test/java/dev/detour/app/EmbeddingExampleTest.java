package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs README.md's embedding example ({@link EmbeddingExample}), and checks that README shows exactly that code. */
class EmbeddingExampleTest {

    @TempDir
    Path directory;

    @Test
    void theReadmeExampleRunsAResearchQuestionThroughTheChain() throws Exception {
        try (FakeProvider local = new FakeProvider(null)) {
            local.always("llama3:8b", FakeProvider.error(503, "{\"error\":\"overloaded\"}"));
            Path config = directory.resolve("detour.yaml");
            Files.writeString(config, """
                    evidence: none
                    providers:
                      local: { type: openai, base-url: %s }
                    chain: [ "local:llama3:8b", "local:qwen2.5:7b" ]
                    resilience: { max-retries: 0 }
                    store: { path: %s }
                    """.formatted(local.url("/v1"), directory.resolve("runs.db")));

            String markdown = EmbeddingExample.research(config, "Why do tides happen twice a day?");

            assertThat(markdown).startsWith("# Why do tides happen twice a day?")
                    .contains("fell back from `local:llama3:8b` (HTTP 503 from local")
                    .contains("to `local:qwen2.5:7b`");
        }
    }

    @Test
    void readmeShowsExactlyTheCodeThisTestRunsImportsIncluded() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/detour/app/EmbeddingExample.java"),
                StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String code = source.substring(source.indexOf('\n') + 1).strip();

        assertThat(code).startsWith("import com.google.inject.Guice;");
        assertThat(readme).as("README.md must show EmbeddingExample.java verbatim, imports included, after its package line")
                .contains("```java\n" + code + "\n```");
    }

    @Test
    void readmeNamesTheVersionThisBuildInstalls() throws Exception {
        String pom = Files.readString(Path.of("../pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<artifactId>detour-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

        assertThat(readme).contains("<artifactId>detour-app</artifactId>\n  <version>" + version.group(1) + "</version>");
    }
}
