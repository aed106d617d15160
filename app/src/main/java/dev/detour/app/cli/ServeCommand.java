package dev.detour.app.cli;

import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.server.DetourServer;
import dev.detour.app.server.Formats;
import dev.detour.app.server.ServerModule;
import dev.detour.app.server.ServerSettings;
import dev.detour.core.cost.Pricing;
import dev.detour.core.secret.Secret;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalTarget;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code detour serve}: the HTTP API, event streams and web page on the CLI's Guice graph, until the
 * process is stopped (SIGTERM or Ctrl-C drains the runs first), its runs in the configured run store.
 * With {@code --demo}, against the built-in provider simulator, storing nothing (as {@code detour demo}), taking only
 * the {@code server} and {@code pricing} sections of a {@code --config} file.
 * With {@code --engine temporal}, its runs run on the configured Temporal task queue, on {@code detour worker}s.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API (/v1), live event streams and the web page.")
final class ServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}); any non-loopback address needs DETOUR_SERVER_TOKEN.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--demo", description = "Serve against the built-in provider simulator (no keys, no network).")
    boolean demo;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "embedded",
            description = "Where runs run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); temporal starts them on the"
                    + " configured task queue, for `detour worker`s to run, and follows them from here.")
    RunCommand.Engine engine;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "hf-outage",
            description = "With --demo: a built-in scenario (hf-outage, rate-limited, all-down) or a scenario YAML file (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    /** What the server writes, in the CLI's own formats, with costs at {@code pricing} as the CLI shows them. */
    static Formats formats(Pricing pricing) {
        ReportJson reports = new ReportJson(pricing);
        return new Formats(store -> new EventJson(pricing, store)::toJson, reports::toJson);
    }

    @Override
    public Integer call() {
        ServerSettings settings = settings();
        if (demo && engine == RunCommand.Engine.temporal) {
            throw new UsageProblem("detour serve: --demo runs on the embedded engine; drop --engine temporal, or drop --demo"
                    + " and start a `detour worker` with the same configuration");
        }
        if (!demo) {
            DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
            Session.warnAboutMissingKeys(context, config);
            serve(config, settings, Session.StoreUse.OPTIONAL, "");
            return ExitCodes.OK;
        }
        Scenario scenario = DemoCommand.scenario(context, scenarioName, "serve");
        try (ProviderSimulator simulator = ProviderSimulator.start(scenario)) {
            DetourConfig config = DemoCommand.config(simulator, scenario).withChain(DemoCommand.WEB_PAGE_CHAIN);
            if (configOptions.file != null) {
                DetourConfig file = Session.loadConfig(context, configOptions, Overrides.none());
                config = config.withServer(file.server()).withPricing(file.pricing());
            }
            serve(config, settings, Session.StoreUse.NONE, " (demo: every answer comes from Detour's provider simulator on "
                    + simulator.huggingFaceBaseUrl().getAuthority() + ", scenario " + scenario.name() + ", not from a model)");
            return ExitCodes.OK;
        }
    }

    private ServerSettings settings() {
        Optional<Secret> token = context.environment().variable(ServerSettings.TOKEN_VARIABLE)
                .filter(value -> !value.isBlank()).map(Secret::of);
        try {
            return ServerSettings.of(host, port, token);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("detour serve: " + e.getMessage());
        }
    }

    private void serve(DetourConfig config, ServerSettings settings, Session.StoreUse storeUse, String note) {
        ServerModule module = new ServerModule(settings, formats(config.pricing()));
        TemporalRuns temporal = null;
        if (engine == RunCommand.Engine.temporal) {
            temporal = Temporal.connect(config.temporal());
            module = module.onTemporal(temporal);
        }
        try (Session session = Session.open(context, config, storeUse, module)) {
            serve(session, config, settings, note);
        } finally {
            if (temporal != null) {
                temporal.close();
            }
        }
    }

    private void serve(Session session, DetourConfig config, ServerSettings settings, String note) {
        DetourServer server = session.get(DetourServer.class);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new UsageProblem("detour serve: cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + rootMessage(e) + "); choose another --port, or stop what holds it");
        }
        context.err().println("detour serve: listening on " + server.url() + note);
        context.err().println("detour serve: chain " + config.chain() + "; stop with Ctrl-C or SIGTERM"
                + (engine == RunCommand.Engine.temporal ? onTemporal(config.temporal())
                        : " (running runs stop at their next durable step)"));
        try (Interruption interruption = Interruption.onInterrupt(server::stop)) {
            server.awaitClosed();
            context.err().println("detour serve: stopped");
        }
    }

    private static String onTemporal(TemporalTarget target) {
        return "; runs run on Temporal at " + target.target() + " (namespace " + target.namespace() + ", task queue "
                + target.taskQueue() + "), on `detour worker`s, and go on there when this server stops";
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
