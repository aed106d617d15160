package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.testing.FakeProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an embedder's process prints on its own: Guava (33.5 or newer) no longer calls {@code sun.misc.Unsafe},
 * and with the Guice option README names, nothing does, so JDK 23+ prints no warning.
 */
class EmbeddingWarningsTest {

    @TempDir
    Path directory;

    private String stderrOfAnEmbedder(String... jvmOptions) throws IOException, InterruptedException {
        try (FakeProvider local = new FakeProvider(null)) {
            Path config = directory.resolve("detour.yaml");
            Files.writeString(config, """
                    evidence: none
                    providers:
                      local: { type: openai, base-url: %s }
                    chain: [ "local:qwen2.5:7b" ]
                    store: none
                    """.formatted(local.url("/v1")));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbeddingChild.class.getName(),
                    config.toString()));
            Path err = directory.resolve("err.txt");
            Process process = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the embedding JVM ended").isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(stderr).isZero();
            return stderr;
        }
    }

    @Test
    void guavaCallsNoUnsafeMethodInAnEmbeddersProcess() throws Exception {
        assertThat(stderrOfAnEmbedder()).doesNotContain("com.google.common");
    }

    @Test
    void nothingCallsUnsafeWithGuiceBytecodeGenerationDisabled() throws Exception {
        assertThat(stderrOfAnEmbedder("-Dguice_bytecode_gen_option=DISABLED")).doesNotContain("sun.misc.Unsafe");
    }
}
