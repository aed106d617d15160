package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.resilience.ChainLink;
import dev.detour.app.resilience.ModelChain;
import dev.detour.core.internal.Durations;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code detour doctor}: probes every model of the chain once with a minimal request, with no retries
 * and no circuit breaker, and says which answer. Exit 0 if at least one is healthy, 1 if none.
 */
@Command(name = "doctor", description = "Probe every model of the chain once and show which answer.",
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {

    private static final ChatRequest PROBE = ChatRequest.of(ChatMessage.user("Reply with the single word: OK"))
            .withOptions(GenerationOptions.defaults().withMaxOutputTokens(5));

    private final CliContext context;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        Session.warnAboutMissingKeys(context, config);
        Duration timeout = config.resilience().attemptTimeout();
        TextTable table = new TextTable("model", "inference provider", "result", "latency", "provider message");
        int healthy = 0;
        try (Session session = Session.open(context, config)) {
            for (ChainLink link : session.get(ModelChain.class).links()) {
                long start = System.nanoTime();
                try {
                    ChatResponse answer = link.port().chat(PROBE, CallContext.none().withDeadline(Instant.now().plus(timeout)));
                    healthy++;
                    table.row(link.model(), answer.inferenceProvider().orElse("-"), "OK", latency(start),
                            answer.text().strip());
                } catch (ModelCallException failure) {
                    table.row(link.model(), failure.inferenceProvider().orElse("-"),
                            failure.kind().displayName() + failure.httpStatus().stream()
                                    .mapToObj(status -> " (HTTP " + status + ")").findFirst().orElse(""),
                            latency(start), failure.detail());
                } catch (CancellationException cancelled) {
                    context.err().println("detour doctor: interrupted");
                    return ExitCodes.INTERRUPTED;
                }
            }
        }
        context.out().print(table.render(""));
        context.out().println(healthy + " of " + config.chain().size() + " models answered"
                + (healthy == 0 ? "; run `detour models` to check base URLs and keys" : "."));
        return healthy > 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    private static String latency(long startNanos) {
        return Durations.human(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
