package dev.detour.app.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An output stream that keeps the first failure of the stream beneath it, since a {@link java.io.PrintStream}
 * on top swallows it and only says that something failed.
 */
final class WriteFailures extends FilterOutputStream {

    private volatile IOException first;

    WriteFailures(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw kept(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw kept(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw kept(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw kept(e);
        }
    }

    /** The first failure, if one happened. */
    Optional<IOException> failure() {
        return Optional.ofNullable(first);
    }

    /** The operating system's reason for the first failure, if one happened. */
    Optional<String> reason() {
        return failure().map(IoReasons::of);
    }

    private IOException kept(IOException e) {
        if (first == null) {
            first = e;
        }
        return e;
    }
}
