package dev.detour.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.testing.FakeProvider;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the embedding example of README.md, and checks that README shows exactly this code. */
class EmbeddingExampleTest {

    // README:embedding-example:start
    static String research(Path configFile, String question) {
        DetourConfig config = Configs.load(configFile);
        Injector injector = Guice.createInjector(new DetourModule(config));
        try (Providers providers = injector.getInstance(Providers.class)) {
            ModelPort models = injector.getInstance(ModelPort.class);
            ChatResponse answer = models.chat(ChatRequest.of(ChatMessage.user(question)));
            System.out.println(answer.model() + " answered; attempts: " + answer.attempts().size());

            ResearchRunner research = injector.getInstance(ResearchRunner.class);
            ResearchRun run = research.run(question);
            return run.report().markdown();
        }
    }
    // README:embedding-example:end

    @TempDir
    Path directory;

    @Test
    void theReadmeExampleRunsAResearchQuestionThroughTheChain() throws Exception {
        try (FakeProvider local = new FakeProvider(null)) {
            local.always("llama3:8b", FakeProvider.error(503, "{\"error\":\"overloaded\"}"));
            Path config = directory.resolve("detour.yaml");
            Files.writeString(config, """
                    providers:
                      local: { type: openai, base-url: %s }
                    chain: [ "local:llama3:8b", "local:qwen2.5:7b" ]
                    resilience: { max-retries: 0 }
                    store: { path: %s }
                    """.formatted(local.url("/v1"), directory.resolve("runs.db")));

            String markdown = research(config, "Why do tides happen twice a day?");

            assertThat(markdown).startsWith("# Why do tides happen twice a day?")
                    .contains("fell back from `local:llama3:8b` (HTTP 503 from local")
                    .contains("to `local:qwen2.5:7b`");
        }
    }

    @Test
    void readmeShowsExactlyTheCodeThisTestRuns() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/detour/app/EmbeddingExampleTest.java"),
                StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        Matcher tested = Pattern.compile("// README:embedding-example:start\n(.*?)    // README:embedding-example:end",
                Pattern.DOTALL).matcher(source);
        assertThat(tested.find()).isTrue();
        String code = tested.group(1).stripTrailing().stripIndent().strip();

        assertThat(readme).as("README.md must show the tested embedding example verbatim").contains(code);
    }
}
