package dev.detour.app.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.detour.app.Configs;
import dev.detour.app.DetourModule;
import dev.detour.app.config.ConfigException;
import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.provider.Providers;
import dev.detour.app.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One command's Detour: its configuration and its Guice graph, with their failures turned into usage problems. */
final class Session implements AutoCloseable {

    private final DetourConfig config;
    private final Injector injector;

    private Session(DetourConfig config, Injector injector) {
        this.config = config;
        this.injector = injector;
    }

    static DetourConfig loadConfig(CliContext context, ConfigOptions options, Overrides overrides) {
        Overrides all = options.chain == null ? overrides : overrides.withChain(options.chain);
        ConfigLoader loader = installedLoader(context);
        try {
            return loader.load(Optional.ofNullable(options.file).map(context::resolve), all);
        } catch (ConfigException e) {
            List<String> lines = new ArrayList<>();
            lines.add("detour: the configuration from " + e.source() + " is not usable:");
            e.problems().forEach(problem -> lines.add("  " + problem));
            throw new UsageProblem(lines);
        }
    }

    private static ConfigLoader installedLoader(CliContext context) {
        try {
            return Configs.loader(context.environment(), context.workingDirectory());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UsageProblem("detour: the provider types on the class path are not usable: " + e.getMessage());
        }
    }

    static Session open(CliContext context, DetourConfig config, Module... extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(new DetourModule(config, context.environment()));
        modules.addAll(List.of(extra));
        try {
            Injector injector = Guice.createInjector(modules);
            injector.getInstance(Providers.class);
            injector.getInstance(Telemetry.class);
            return new Session(config, injector);
        } catch (CreationException e) {
            throw problem(e.getErrorMessages());
        } catch (ProvisionException e) {
            throw problem(e.getErrorMessages());
        }
    }

    private static UsageProblem problem(Collection<Message> messages) {
        List<String> lines = new ArrayList<>();
        lines.add("detour: the providers could not be set up:");
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            String text = cause != null && cause.getMessage() != null ? cause.getMessage() : message.getMessage();
            text.lines().forEach(line -> lines.add("  " + line));
        }
        return new UsageProblem(lines);
    }

    DetourConfig config() {
        return config;
    }

    /** Warns on stderr about each chain provider whose key variable is named but not set. */
    static void warnAboutMissingKeys(CliContext context, DetourConfig config) {
        config.chain().stream().map(model -> model.provider()).distinct()
                .flatMap(name -> config.provider(name).stream())
                .forEach(provider -> provider.tokenEnv()
                        .filter(variable -> context.environment().variable(variable).isEmpty())
                        .ifPresent(variable -> context.err().println("detour: " + variable + " is not set, so provider "
                                + provider.name() + " is called without a key; set it if " + provider.baseUrl().getHost()
                                + " needs one")));
    }

    <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    @Override
    public void close() {
        try {
            injector.getInstance(Providers.class).close();
        } finally {
            injector.getInstance(Telemetry.class).close();
        }
    }
}
