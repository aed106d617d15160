package dev.detour.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.testing.ScriptedModelPort;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunStoreUnreadableException;
import dev.detour.core.workflow.Workflow;
import dev.detour.core.workflow.WorkflowEngine;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file that cannot be used is refused with a message naming it, and never replaced or written to. */
class FileSafetyTest {

    @TempDir
    Path directory;

    private final TestCodec codec = new TestCodec();

    private Path file() {
        return directory.resolve("detour.db");
    }

    private void storeRuns(SqliteRunStore store, int count) {
        WorkflowEngine engine = new WorkflowEngine(ScriptedModelPort.answering("test", "model"), Clock.systemUTC(), store);
        for (int i = 0; i < count; i++) {
            engine.run(Workflow.step("echo", (String input, dev.detour.core.workflow.StepContext context) -> input.repeat(50)),
                    "question " + i, RunOptions.defaults());
        }
    }

    private static String sql(Path file, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void execute(Path file, String update) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute(update);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedNamingItAndSayingWhatToDoAndStaysAsItWas() throws Exception {
        byte[] notes = "my notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), notes);

        assertThatThrownBy(() -> SqliteRunStore.open(file(), codec))
                .isInstanceOf(RunStoreUnreadableException.class)
                .hasMessageStartingWith(file() + " is not a readable Detour run store (")
                .hasMessageContaining("Detour leaves it as it is: move it aside (such as mv " + file() + " " + file()
                        + ".broken)", "or set store.path to another file");
        assertThat(Files.readAllBytes(file())).isEqualTo(notes);
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndKeepsItsTables() throws Exception {
        execute(file(), "CREATE TABLE notes (text TEXT)");
        execute(file(), "INSERT INTO notes VALUES ('keep me')");

        assertThatThrownBy(() -> SqliteRunStore.open(file(), codec))
                .isInstanceOf(RunStoreUnreadableException.class)
                .hasMessage(file() + " is an SQLite database, but not a Detour run store; Detour leaves it as it is."
                        + " Set store.path to another file (or pass --no-store).");
        assertThat(sql(file(), "SELECT text FROM notes")).isEqualTo("keep me");
        assertThat(sql(file(), "SELECT count(*) FROM sqlite_master")).isEqualTo("1");
    }

    @Test
    void aStoreOfANewerSchemaIsRefusedByThisOlderDetourAndLeftUnchanged() throws Exception {
        try (SqliteRunStore store = SqliteRunStore.open(file(), codec)) {
            storeRuns(store, 1);
        }
        execute(file(), "PRAGMA user_version = 99");

        assertThatThrownBy(() -> SqliteRunStore.open(file(), codec))
                .isInstanceOf(RunStoreUnreadableException.class)
                .hasMessage(file() + " is a Detour run store of schema version 99, written by a newer Detour; this one"
                        + " reads schema versions up to 2. Use the newer Detour, or set store.path to another file;"
                        + " this one writes nothing to it.");
        assertThat(sql(file(), "PRAGMA user_version")).isEqualTo("99");
        assertThat(sql(file(), "SELECT count(*) FROM runs")).isEqualTo("1");
    }

    @Test
    void aStoreOfAnOlderSchemaIsMigratedAtOpenWithItsRunsIntact() throws Exception {
        try (SqliteRunStore old = SqliteRunStore.open(file(), codec, Schema.MIGRATIONS.subList(0, 1), settings -> {})) {
            storeRuns(old, 2);
        }
        assertThat(sql(file(), "PRAGMA user_version")).isEqualTo("1");

        try (SqliteRunStore store = SqliteRunStore.open(file(), codec)) {
            assertThat(store.list(RunQuery.newest(10))).hasSize(2);
        }
        assertThat(sql(file(), "PRAGMA user_version")).isEqualTo("2");
        assertThat(sql(file(), "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'runs_by_%'"))
                .isEqualTo("2");
    }

    @Test
    void aDamagedFileIsAClearErrorNamingItNotAnEmptyStore() throws Exception {
        try (SqliteRunStore store = SqliteRunStore.open(file(), codec)) {
            storeRuns(store, 40);
        }
        int pageSize = Integer.parseInt(sql(file(), "PRAGMA page_size"));
        long length = Files.size(file());
        assertThat(length).isGreaterThan(4L * pageSize);
        try (RandomAccessFile damaged = new RandomAccessFile(file().toFile(), "rw")) {
            byte[] garbage = new byte[(int) length - pageSize];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            damaged.seek(pageSize);
            damaged.write(garbage);
        }

        assertThatThrownBy(() -> {
            try (SqliteRunStore store = SqliteRunStore.open(file(), codec)) {
                store.list(RunQuery.newest(100));
            }
        }).isInstanceOf(RunStoreUnreadableException.class).hasMessageStartingWith(file() + " is not a readable Detour run store");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAClearErrorThatIsNotAboutADamagedFile() throws Exception {
        Path notADirectory = directory.resolve("home");
        Files.writeString(notADirectory, "a file where the store's directory should be");

        assertThatThrownBy(() -> SqliteRunStore.open(notADirectory.resolve("detour.db"), codec))
                .isInstanceOf(RunStoreException.class).isNotInstanceOf(RunStoreUnreadableException.class)
                .hasMessageStartingWith("could not create the directory of the run store " + notADirectory.resolve("detour.db"))
                .hasMessageEndingWith("Check that it can be created, or set store.path to another file.");
    }
}
