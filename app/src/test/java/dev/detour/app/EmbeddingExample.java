package dev.detour.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.detour.app.Configs;
import dev.detour.app.DetourModule;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.provider.Sources;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;
import dev.detour.core.research.ResearchRun;
import dev.detour.core.research.ResearchRunner;
import java.nio.file.Path;

/** A backend's research service, as README shows it. */
final class EmbeddingExample {

    static String research(Path configFile, String question) {
        DetourConfig config = Configs.load(configFile);
        Injector injector = Guice.createInjector(new DetourModule(config));
        try (Providers providers = injector.getInstance(Providers.class);
                Sources sources = injector.getInstance(Sources.class)) {
            ModelPort models = injector.getInstance(ModelPort.class);
            ChatResponse answer = models.chat(ChatRequest.of(ChatMessage.user(question)));
            System.out.println(answer.model() + " answered; attempts: " + answer.attempts().size());

            ResearchRunner research = injector.getInstance(ResearchRunner.class);
            ResearchRun run = research.run(question);
            return run.report().markdown();
        }
    }
}
