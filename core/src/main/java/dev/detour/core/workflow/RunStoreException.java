package dev.detour.core.workflow;

/**
 * A run store could not read or write: the file is unreadable, the disk is full, the schema is newer
 * than this Detour. Its message names the store and says what to do.
 */
public class RunStoreException extends RuntimeException {

    public RunStoreException(String message) {
        super(message);
    }

    public RunStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
