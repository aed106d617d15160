package dev.detour.app.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import dev.detour.app.Configs;
import dev.detour.app.DetourModule;
import dev.detour.app.config.ConfigException;
import dev.detour.app.config.ConfigLoader;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.config.ProviderTypes;
import dev.detour.app.config.SourceTypes;
import dev.detour.app.config.StoreConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.provider.Sources;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.app.store.JsonValueCodec;
import dev.detour.app.store.RunStores;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunStoreUnreadableException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command's Detour: its configuration, its run store and its Guice graph, with their failures turned
 * into usage problems.
 */
final class Session implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    /** What a command needs of the run store. */
    enum StoreUse {
        /** Nothing: its runs, if any, are not stored. */
        NONE,
        /** Its run is stored if the store opens; if it does not (other than being unreadable), the run goes on unstored. */
        OPTIONAL,
        /** It cannot work without the store. */
        REQUIRED
    }

    private final DetourConfig config;
    private final Injector injector;
    private final RunStore store;

    private Session(DetourConfig config, Injector injector, RunStore store) {
        this.config = config;
        this.injector = injector;
        this.store = store;
    }

    static DetourConfig loadConfig(CliContext context, ConfigOptions options, Overrides overrides) {
        Overrides all = options.chain == null ? overrides : overrides.withChain(options.chain);
        ConfigLoader loader = installedLoader(context);
        try {
            DetourConfig config = loader.load(Optional.ofNullable(options.file).map(context::resolve), all);
            LOG.debug("configuration from {}: chain {}; providers {}", config.source(), config.chain(),
                    config.providers().keySet());
            return config;
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

    /** A session whose runs are not stored. */
    static Session open(CliContext context, DetourConfig config, Module... extra) {
        return open(context, config, StoreUse.NONE, extra);
    }

    static Session open(CliContext context, DetourConfig config, StoreUse storeUse, Module... extra) {
        RunStore store = switch (storeUse) {
            case NONE -> RunStore.none();
            case OPTIONAL -> openStore(context, config.store(), false);
            case REQUIRED -> openStore(context, config.store(), true);
        };
        List<Module> modules = new ArrayList<>();
        modules.add(Modules.override(new DetourModule(config, context.environment()))
                .with(binder -> binder.bind(RunStore.class).toInstance(store)));
        modules.addAll(List.of(extra));
        try {
            Injector injector = Guice.createInjector(modules);
            injector.getInstance(Providers.class);
            injector.getInstance(Sources.class).notices().forEach(context.err()::println);
            injector.getInstance(Telemetry.class);
            logProviders(config);
            return new Session(config, injector, store);
        } catch (CreationException e) {
            store.close();
            throw problem(e.getErrorMessages());
        } catch (ProvisionException e) {
            store.close();
            throw problem(e.getErrorMessages());
        }
    }

    /**
     * The sources a session of {@code config} would search, found as {@link #open} finds them but without
     * opening a provider, a source or the run store: its problems are the same usage problems, and the notices
     * of disabled sources go to stderr in the same way.
     */
    static List<String> searchedSources(CliContext context, DetourConfig config) {
        Sources.Searched searched;
        try {
            Providers.check(config, ProviderTypes.installed(), context.environment());
            searched = Sources.searched(config, SourceTypes.installed(), context.environment());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw problem(String.valueOf(e.getMessage()));
        }
        searched.notices().forEach(context.err()::println);
        logProviders(config);
        return searched.sources();
    }

    private static void logProviders(DetourConfig config) {
        config.providers().values().forEach(provider -> LOG.debug("provider {}: type {}, base URL {}, key from {}",
                provider.name(), provider.type(), provider.baseUrl(), provider.tokenEnv().orElse("nowhere (keyless)")));
    }

    /**
     * The configured store. An unreadable file is a usage problem (exit 2) naming it; a store that cannot
     * be opened otherwise is one too when {@code required}, else a warning, and runs go unstored.
     */
    static RunStore openStore(CliContext context, StoreConfig storeConfig, boolean required) {
        if (required && !storeConfig.enabled()) {
            throw new UsageProblem("detour: runs are not stored (store: none in the configuration, or no home"
                    + " directory); set store.path, or " + StoreConfig.HOME_VARIABLE + ", to where they are");
        }
        try {
            return RunStores.open(storeConfig, new JsonValueCodec(), Clock.systemUTC());
        } catch (RunStoreUnreadableException e) {
            throw new UsageProblem("detour: " + e.getMessage());
        } catch (RunStoreException e) {
            if (required) {
                throw new UsageProblem("detour: " + e.getMessage());
            }
            context.err().println("detour: this run is not stored, so it cannot be resumed: " + e.getMessage());
            return RunStore.none();
        }
    }

    private static UsageProblem problem(Collection<Message> messages) {
        return problem(messages.stream().map(message -> {
            Throwable cause = message.getCause();
            while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            return cause != null && cause.getMessage() != null ? cause.getMessage() : message.getMessage();
        }).toArray(String[]::new));
    }

    private static UsageProblem problem(String... texts) {
        List<String> lines = new ArrayList<>();
        lines.add("detour: the providers could not be set up:");
        for (String text : texts) {
            text.lines().forEach(line -> lines.add("  " + line));
        }
        return new UsageProblem(lines);
    }

    DetourConfig config() {
        return config;
    }

    /** Where this session's runs are stored; {@link RunStore#none()} when they are not. */
    RunStore store() {
        return store;
    }

    /** The file runs are stored in, if they are. */
    Optional<Path> storeFile() {
        return store == RunStore.none() ? Optional.empty() : config.store().file();
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
            injector.getInstance(Sources.class).close();
        } finally {
            try {
                injector.getInstance(Telemetry.class).close();
            } finally {
                store.close();
            }
        }
    }
}
