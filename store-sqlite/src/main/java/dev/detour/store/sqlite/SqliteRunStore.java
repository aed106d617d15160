package dev.detour.store.sqlite;

import dev.detour.core.internal.Require;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.BudgetUsage;
import dev.detour.core.workflow.RunEnd;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStart;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunSummary;
import dev.detour.core.workflow.StepRecord;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.StoredStep;
import dev.detour.core.workflow.ValueCodec;
import dev.detour.core.workflow.WorkflowEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * A {@link RunStore} in one SQLite file in WAL mode: runs, steps and events as rows, values as JSON
 * through a {@link ValueCodec}. Open it once per process and close it at shutdown; several processes
 * may share the file (each write is one short transaction, and a writer waits up to
 * {@link #BUSY_TIMEOUT} for another), but not over a network file system.
 *
 * <p>A step's end is committed before {@link #stepEnded} returns (writes that arrive together are
 * committed together); events are buffered and committed with the next step or run end, or within
 * {@code 200 ms}. Opening a file that is damaged, not a Detour
 * store, or of a newer schema throws {@link dev.detour.core.workflow.RunStoreUnreadableException} and
 * leaves it untouched.
 */
public final class SqliteRunStore implements RunStore {

    /** How long a write waits for another process's write to finish before it fails. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final int EVENT_BATCH = 500;
    private static final long FLUSH_INTERVAL_MS = 200;
    private static final System.Logger LOG = System.getLogger(SqliteRunStore.class.getName());

    private final Path file;
    private final ValueCodec codec;
    private final StoreFailures failures;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<EventRow> pending = new ArrayList<>();
    private final Queue<Write<?>> writes = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService flusher;
    private boolean closed;

    private record EventRow(String runId, long sequence, String type, long at, String json) {}

    private record Write<T>(String what, SqlWork<T> work, CompletableFuture<T> result) {}

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private SqliteRunStore(Path file, ValueCodec codec, StoreFailures failures, Connection connection) {
        this.file = file;
        this.codec = codec;
        this.failures = failures;
        this.connection = connection;
        this.flusher = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "detour-store-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushInBackground, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the store in {@code file}, creating the file and its directory if they do not exist, and
     * migrating its schema to this Detour's.
     *
     * @throws dev.detour.core.workflow.RunStoreUnreadableException if the file is damaged, not a Detour
     *     store, or of a newer schema; it is left as it is
     * @throws RunStoreException if it cannot be created or opened, such as in a read-only directory
     */
    public static SqliteRunStore open(Path file, ValueCodec codec) {
        return open(file, codec, Schema.MIGRATIONS, settings -> {});
    }

    /** Opens the store with {@code migrations} as its schema history and SQLite settings adjusted by {@code tuning}. */
    static SqliteRunStore open(Path file, ValueCodec codec, List<Schema.Migration> migrations, Consumer<SQLiteConfig> tuning) {
        Require.nonNull(file, "file");
        Require.nonNull(codec, "codec");
        Path absolute = file.toAbsolutePath().normalize();
        StoreFailures failures = new StoreFailures(absolute);
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new RunStoreException("could not create the directory of the run store " + absolute + " (" + e
                    + "). Check that it can be created, or set store.path to another file.", e);
        }
        Connection connection;
        try {
            SQLiteConfig settings = settings();
            tuning.accept(settings);
            connection = settings.createConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            throw failures.of("open", e);
        }
        try {
            Schema.migrate(connection, absolute, migrations);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failures.of("prepare the tables", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        return new SqliteRunStore(absolute, codec, failures, connection);
    }

    private static SQLiteConfig settings() {
        SQLiteConfig settings = new SQLiteConfig();
        settings.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        settings.setJournalMode(SQLiteConfig.JournalMode.WAL);
        settings.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return settings;
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    @Override
    public void runStarted(RunStart start) {
        Require.nonNull(start, "start");
        String json = encode(start);
        write("record the start of run " + start.runId(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO runs (run_id, workflow, title, started_at, status, start_json, codec_version,
                        max_tokens, max_model_calls, time_limit_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, start.runId());
                insert.setString(2, start.workflow());
                insert.setString(3, start.title());
                insert.setLong(4, start.at().toEpochMilli());
                insert.setString(5, RunSummary.Status.UNFINISHED.name());
                insert.setString(6, json);
                insert.setInt(7, codec.version());
                RunRows.setBudget(insert, 8, start.budget());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void runResumed(String runId, Budget budget, Instant at) {
        Require.nonBlank(runId, "runId");
        Require.nonNull(budget, "budget");
        write("record the resumption of run " + runId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE runs SET status = ?, end_json = NULL, end_codec_version = NULL, ended_at = NULL,
                        max_tokens = ?, max_model_calls = ?, time_limit_ms = ?
                    WHERE run_id = ?""")) {
                update.setString(1, RunSummary.Status.UNFINISHED.name());
                RunRows.setBudget(update, 2, budget);
                update.setString(5, runId);
                if (update.executeUpdate() == 0) {
                    throw new RunStoreException("there is no run " + runId + " in the run store " + file + " to resume");
                }
            }
            return null;
        });
    }

    @Override
    public void stepEnded(String runId, StoredStep step, BudgetUsage usage) {
        Require.nonBlank(runId, "runId");
        Require.nonNull(step, "step");
        Require.nonNull(usage, "usage");
        String json = encode(step.record());
        write("store step " + step.record().path() + " of run " + runId, connection -> {
            insertPending(connection);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO steps (run_id, path, occurrence, started_sequence, status, replayable, step_json, codec_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id, path, occurrence) DO UPDATE SET started_sequence = excluded.started_sequence,
                        status = excluded.status, replayable = excluded.replayable, step_json = excluded.step_json,
                        codec_version = excluded.codec_version""")) {
                upsert.setString(1, runId);
                upsert.setString(2, step.record().path());
                upsert.setInt(3, step.occurrence());
                upsert.setLong(4, step.startedSequence());
                upsert.setString(5, step.record().status().name());
                upsert.setInt(6, step.replayable() ? 1 : 0);
                upsert.setString(7, json);
                upsert.setInt(8, codec.version());
                upsert.executeUpdate();
            }
            updateUsage(connection, runId, usage);
            return null;
        });
    }

    @Override
    public void eventPublished(WorkflowEvent event) {
        Require.nonNull(event, "event");
        EventRow row = new EventRow(event.runId(), event.sequence(), event.getClass().getSimpleName(),
                event.at().toEpochMilli(), encode(event));
        lock.lock();
        try {
            checkOpen();
            pending.add(row);
            if (pending.size() >= EVENT_BATCH) {
                transaction("store the events of run " + event.runId(), connection -> {
                    insertPending(connection);
                    return null;
                });
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void runEnded(RunEnd end) {
        Require.nonNull(end, "end");
        String json = encode(end);
        boolean budgetRanOut = end.exhaustion().isPresent();
        write("record the end of run " + end.runId(), connection -> {
            insertPending(connection);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE runs SET status = ?, end_json = ?, end_codec_version = ?, ended_at = ? WHERE run_id = ?""")) {
                update.setString(1, RunSummary.Status.of(end.status(), budgetRanOut).name());
                update.setString(2, json);
                update.setInt(3, codec.version());
                update.setLong(4, end.at().toEpochMilli());
                update.setString(5, end.runId());
                update.executeUpdate();
            }
            updateUsage(connection, end.runId(), end.usage());
            return null;
        });
    }

    @Override
    public Optional<StoredRun> find(String runId) {
        Require.nonBlank(runId, "runId");
        return read("read run " + runId, connection -> {
            RunSummary summary;
            RunStart start;
            Optional<RunEnd> end;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT run_id, workflow, title, started_at, status, ended_at, tokens, model_calls, elapsed_ms,
                        start_json, codec_version, max_tokens, max_model_calls, time_limit_ms, end_json, end_codec_version
                    FROM runs WHERE run_id = ?""")) {
                select.setString(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<StoredRun>empty();
                    }
                    summary = RunRows.summary(row);
                    RunStart stored = decode(RunStart.class, row.getString("start_json"), row.getInt("codec_version"),
                            "the start of run " + runId);
                    start = new RunStart(stored.runId(), stored.workflow(), stored.title(), stored.input(),
                            stored.settings(), stored.chain(), RunRows.budget(row, stored.budget()), stored.at());
                    String endJson = row.getString("end_json");
                    end = endJson == null ? Optional.empty() : Optional.of(decode(RunEnd.class, endJson,
                            row.getInt("end_codec_version"), "the end of run " + runId));
                }
            }
            List<StoredStep> steps = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT path, occurrence, started_sequence, replayable, step_json, codec_version
                    FROM steps WHERE run_id = ? ORDER BY started_sequence""")) {
                select.setString(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String what = "step " + row.getString("path") + " of run " + runId;
                        steps.add(new StoredStep(row.getLong("started_sequence"), row.getInt("occurrence"),
                                decode(StepRecord.class, row.getString("step_json"),
                                        row.getInt("codec_version"), what),
                                row.getInt("replayable") == 1));
                    }
                }
            }
            long lastSequence;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT coalesce(max(sequence), 0) FROM events WHERE run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    lastSequence = row.next() ? row.getLong(1) : 0;
                }
            }
            return Optional.of(new StoredRun(summary, start, steps, end, lastSequence));
        });
    }

    @Override
    public List<WorkflowEvent> events(String runId) {
        Require.nonBlank(runId, "runId");
        return read("read the events of run " + runId, connection -> {
            List<WorkflowEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sequence, event_json, codec_version FROM events WHERE run_id = ? ORDER BY sequence")) {
                select.setString(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(decode(WorkflowEvent.class, row.getString("event_json"), row.getInt("codec_version"),
                                "event " + row.getLong("sequence") + " of run " + runId));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public List<RunSummary> list(RunQuery query) {
        Require.nonNull(query, "query");
        return read("list the runs", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT run_id, workflow, title, started_at, status, ended_at, tokens, model_calls, elapsed_ms
                    FROM runs
                    WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR substr(run_id, 1, length(?2)) = ?2)
                    ORDER BY started_at DESC, run_id DESC LIMIT ?3""")) {
                select.setString(1, query.status().map(Enum::name).orElse(null));
                select.setString(2, query.idPrefix().orElse(null));
                select.setInt(3, query.limit());
                List<RunSummary> runs = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        runs.add(RunRows.summary(row));
                    }
                }
                return runs;
            }
        });
    }

    @Override
    public int deleteStartedBefore(Instant cutoff) {
        Require.nonNull(cutoff, "cutoff");
        return write("delete runs that started before " + cutoff, connection -> {
            for (String table : List.of("events", "steps")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE run_id IN (SELECT run_id FROM runs WHERE started_at < ?)")) {
                    delete.setLong(1, cutoff.toEpochMilli());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM runs WHERE started_at < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (!pending.isEmpty()) {
                    transaction("store the last events", connection -> {
                        insertPending(connection);
                        return null;
                    });
                }
            } catch (RunStoreException e) {
                LOG.log(System.Logger.Level.WARNING, () -> e.getMessage());
            } finally {
                closed = true;
                closeQuietly(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "the run store " + file;
    }

    private void flushInBackground() {
        lock.lock();
        try {
            if (!closed && !pending.isEmpty()) {
                transaction("store events", connection -> {
                    insertPending(connection);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "events were not stored: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Inserts the buffered events; they are dropped whether or not the transaction commits, so a bad batch is not retried forever. */
    private void insertPending(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<EventRow> rows = List.copyOf(pending);
        pending.clear();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT OR IGNORE INTO events (run_id, sequence, type, at, event_json, codec_version)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (EventRow row : rows) {
                insert.setString(1, row.runId());
                insert.setLong(2, row.sequence());
                insert.setString(3, row.type());
                insert.setLong(4, row.at());
                insert.setString(5, row.json());
                insert.setInt(6, codec.version());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void updateUsage(Connection connection, String runId, BudgetUsage usage) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE runs SET tokens = ?, model_calls = ?, elapsed_ms = ? WHERE run_id = ?")) {
            update.setLong(1, usage.tokens());
            update.setInt(2, usage.modelCalls());
            update.setLong(3, usage.elapsed().toMillis());
            update.setString(4, runId);
            if (update.executeUpdate() == 0) {
                throw new RunStoreException("there is no run " + runId + " in the run store " + file);
            }
        }
    }

    /**
     * Commits {@code work} before returning. Writes that arrive while another is committing wait for the
     * lock and are then committed together, in one transaction (group commit), each in its own savepoint
     * so that one failing undoes only itself.
     */
    private <T> T write(String what, SqlWork<T> work) {
        Write<T> mine = new Write<>(what, work, new CompletableFuture<>());
        writes.add(mine);
        lock.lock();
        try {
            if (!mine.result().isDone()) {
                commitQueuedWrites();
            }
        } finally {
            lock.unlock();
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private void commitQueuedWrites() {
        List<Write<?>> batch = new ArrayList<>();
        for (Write<?> write = writes.poll(); write != null; write = writes.poll()) {
            batch.add(write);
        }
        if (closed) {
            batch.forEach(write -> write.result().completeExceptionally(closedFailure()));
            return;
        }
        List<Runnable> outcomes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                for (Write<?> write : batch) {
                    outcomes.add(inSavepoint(statement, write));
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(statement);
                throw e;
            }
        } catch (SQLException e) {
            batch.forEach(write -> write.result().completeExceptionally(failures.of(write.what(), e)));
            return;
        }
        outcomes.forEach(Runnable::run);
    }

    /**
     * Runs one write in a savepoint; what to tell its caller once the transaction has committed. A failure
     * SQLite ends the whole transaction for (such as a full disk) fails the whole batch instead.
     */
    private <T> Runnable inSavepoint(Statement statement, Write<T> write) throws SQLException {
        statement.execute("SAVEPOINT one_write");
        try {
            T value = write.work().run(connection);
            statement.execute("RELEASE one_write");
            return () -> write.result().complete(value);
        } catch (SQLException | RuntimeException e) {
            try {
                statement.execute("ROLLBACK TO one_write");
                statement.execute("RELEASE one_write");
            } catch (SQLException transactionGone) {
                throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            }
            RuntimeException failure = e instanceof SQLException sql ? failures.of(write.what(), sql) : (RuntimeException) e;
            return () -> write.result().completeExceptionally(failure);
        }
    }

    /** Reads in one transaction, after storing this process's buffered events so that it sees them. */
    private <T> T read(String what, SqlWork<T> work) {
        lock.lock();
        try {
            checkOpen();
            if (!pending.isEmpty()) {
                transaction("store events", connection -> {
                    insertPending(connection);
                    return null;
                });
            }
            return inTransaction("BEGIN", what, work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T transaction(String what, SqlWork<T> work) {
        return inTransaction("BEGIN IMMEDIATE", what, work);
    }

    private <T> T inTransaction(String begin, String what, SqlWork<T> work) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(begin);
            try {
                T result = work.run(connection);
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(statement);
                throw e;
            }
        } catch (SQLException e) {
            throw failures.of(what, e);
        }
    }

    private static void rollback(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite rolls back by itself after some errors; there is nothing left to undo.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw closedFailure();
        }
    }

    private RunStoreException closedFailure() {
        return new RunStoreException("the run store " + file + " is closed");
    }

    private String encode(Object value) {
        try {
            return codec.encode(value);
        } catch (RuntimeException e) {
            throw new RunStoreException("could not store a " + value.getClass().getSimpleName() + " in the run store "
                    + file + ": " + e.getMessage() + ". Steps must return plain values such as records.", e);
        }
    }

    private <T> T decode(Class<T> type, String json, int version, String what) {
        Object value;
        try {
            value = codec.decode(json, version);
        } catch (RuntimeException e) {
            throw failures.unreadableRow(what, e);
        }
        if (!type.isInstance(value)) {
            throw failures.unreadableRow(what, new IllegalArgumentException("expected a " + type.getSimpleName()
                    + ", found " + (value == null ? "nothing" : "a " + value.getClass().getName())));
        }
        return type.cast(value);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more can be done about a connection that does not close.
        }
    }
}
