package dev.detour.app.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The operating system's reason an output file cannot be written, in words, rather than the path again. */
final class IoReasons {

    private IoReasons() {}

    static String of(IOException failure) {
        return switch (failure) {
            case NoSuchFileException missing -> "its directory does not exist";
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        };
    }
}
