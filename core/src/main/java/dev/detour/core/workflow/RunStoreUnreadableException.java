package dev.detour.core.workflow;

/**
 * A run store's file is there but is not one this Detour can use: it is damaged, not a database, another
 * program's database, or written by a newer Detour. Nothing was written to it; its message names the file
 * and what to do.
 */
public final class RunStoreUnreadableException extends RunStoreException {

    public RunStoreUnreadableException(String message) {
        super(message);
    }

    public RunStoreUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
