package dev.detour.app.store;

import dev.detour.app.config.StoreConfig;
import dev.detour.core.internal.Require;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.ValueCodec;
import dev.detour.store.sqlite.SqliteRunStore;
import java.time.Clock;

/** Opens the run store a {@link StoreConfig} names, and applies its retention. */
public final class RunStores {

    private RunStores() {}

    /**
     * The store {@code config} names, its runs older than the retention deleted; {@link RunStore#none()}
     * when runs are not stored. Close it at shutdown.
     *
     * @throws dev.detour.core.workflow.RunStoreUnreadableException if the file is damaged, not a Detour
     *     store, or of a newer schema
     * @throws dev.detour.core.workflow.RunStoreException if it cannot be opened or created
     */
    public static RunStore open(StoreConfig config, ValueCodec codec, Clock clock) {
        Require.nonNull(config, "config");
        Require.nonNull(codec, "codec");
        Require.nonNull(clock, "clock");
        if (config.file().isEmpty()) {
            return RunStore.none();
        }
        SqliteRunStore store = SqliteRunStore.open(config.file().get(), codec);
        try {
            config.retention().ifPresent(retention -> store.deleteStartedBefore(clock.instant().minus(retention)));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }
}
