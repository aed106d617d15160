package dev.detour.store.sqlite;

import dev.detour.core.workflow.RunStoreException;
import dev.detour.core.workflow.RunStoreUnreadableException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Turns SQLite's failures into run store exceptions that name the file and say what to do. */
final class StoreFailures {

    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private final Path file;

    StoreFailures(Path file) {
        this.file = file;
    }

    /** The exception for {@code failure} while the store was trying to {@code what}, such as "store a step of run X". */
    RunStoreException of(String what, SQLException failure) {
        String cause = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return switch (failure.getErrorCode() & 0xff) {
            case SQLITE_CORRUPT, SQLITE_NOTADB -> unreadable(cause, failure);
            case SQLITE_FULL -> new RunStoreException("could not " + what + " in the run store " + file
                    + ": the disk is full. Free some space, or set store.path to a file on another disk.", failure);
            case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_IOERR -> new RunStoreException("could not " + what
                    + " in the run store " + file + " (" + cause + "). Check that its directory exists and is writable,"
                    + " or set store.path to another file.", failure);
            case SQLITE_BUSY, SQLITE_LOCKED -> new RunStoreException("could not " + what + " in the run store " + file
                    + ": another process kept it locked for too long (" + cause + "). Try again when it is done.", failure);
            default -> new RunStoreException("could not " + what + " in the run store " + file + " (" + cause + ").",
                    failure);
        };
    }

    RunStoreUnreadableException unreadable(String cause, Throwable failure) {
        return new RunStoreUnreadableException(file + " is not a readable Detour run store (" + cause + "). Detour leaves"
                + " it as it is: move it aside (such as mv " + file + " " + file + ".broken) and Detour starts a new"
                + " store there, or set store.path to another file.", failure);
    }

    /** A stored row the codec could not read back. */
    RunStoreException unreadableRow(String what, RuntimeException failure) {
        return new RunStoreException("could not read " + what + " from the run store " + file + " ("
                + failure.getMessage() + "); it was written by another version of Detour, or damaged.", failure);
    }
}
