package dev.detour.store.sqlite;

import dev.detour.core.workflow.RunStoreUnreadableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and their versioned migrations, applied at open. A file whose schema is newer than
 * the last migration here, or that is not a Detour store at all, is refused and left as it is.
 */
final class Schema {

    /** {@code PRAGMA application_id} of a Detour run store: "DETR". */
    static final int APPLICATION_ID = 0x44455452;

    /** One schema version: the statements that take a store from the previous version to this one. */
    record Migration(int version, List<String> statements) {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, List.of(
                    """
                    CREATE TABLE runs (
                        run_id TEXT PRIMARY KEY,
                        workflow TEXT NOT NULL,
                        title TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        start_json TEXT NOT NULL,
                        codec_version INTEGER NOT NULL,
                        max_tokens INTEGER,
                        max_model_calls INTEGER,
                        time_limit_ms INTEGER,
                        tokens INTEGER NOT NULL DEFAULT 0,
                        model_calls INTEGER NOT NULL DEFAULT 0,
                        elapsed_ms INTEGER NOT NULL DEFAULT 0,
                        end_json TEXT,
                        end_codec_version INTEGER,
                        ended_at INTEGER)""",
                    """
                    CREATE TABLE steps (
                        run_id TEXT NOT NULL,
                        path TEXT NOT NULL,
                        occurrence INTEGER NOT NULL,
                        started_sequence INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        replayable INTEGER NOT NULL,
                        step_json TEXT NOT NULL,
                        codec_version INTEGER NOT NULL,
                        PRIMARY KEY (run_id, path, occurrence))""",
                    """
                    CREATE TABLE events (
                        run_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        event_json TEXT NOT NULL,
                        codec_version INTEGER NOT NULL,
                        PRIMARY KEY (run_id, sequence))""")),
            new Migration(2, List.of(
                    "CREATE INDEX runs_by_start ON runs (started_at DESC)",
                    "CREATE INDEX runs_by_status ON runs (status, started_at DESC)")));

    private Schema() {}

    static int latest(List<Migration> migrations) {
        return migrations.get(migrations.size() - 1).version();
    }

    /**
     * Brings the store in {@code file} to the last version of {@code migrations}, in one transaction so
     * that two processes opening a new file at once migrate it once.
     */
    static void migrate(Connection connection, Path file, List<Migration> migrations) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                int version = pragma(statement, "user_version");
                checkIdentity(statement, file, version, latest(migrations));
                for (Migration migration : migrations) {
                    if (migration.version() > version) {
                        for (String sql : migration.statements()) {
                            statement.execute(sql);
                        }
                        statement.execute("PRAGMA user_version = " + migration.version());
                    }
                }
                statement.execute("PRAGMA application_id = " + APPLICATION_ID);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static void checkIdentity(Statement statement, Path file, int version, int latest) throws SQLException {
        int applicationId = pragma(statement, "application_id");
        int tables;
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            tables = rows.next() ? rows.getInt(1) : 0;
        }
        boolean fresh = applicationId == 0 && version == 0 && tables == 0;
        if (!fresh && applicationId != APPLICATION_ID) {
            throw new RunStoreUnreadableException(file + " is an SQLite database, but not a Detour run store; Detour"
                    + " leaves it as it is. Set store.path to another file (or pass --no-store).");
        }
        if (version > latest) {
            throw new RunStoreUnreadableException(file + " is a Detour run store of schema version " + version
                    + ", written by a newer Detour; this one reads schema versions up to " + latest
                    + ". Use the newer Detour, or set store.path to another file; this one writes nothing to it.");
        }
    }

    private static int pragma(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
