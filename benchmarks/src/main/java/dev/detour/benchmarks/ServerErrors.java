package dev.detour.benchmarks;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The errors of the JDK's HTTP server in a benchmark's child process, such as an accept that fails because the
 * process has run out of open files. The server logs them only at TRACE and carries on, so a client would see
 * nothing but connections that hang or end; this counts them, prints the first to standard error, and
 * answers the child's {@code errors} command with {@code <count>\t<first error>}.
 */
final class ServerErrors extends Handler {

    /** The JDK server's log messages for failures of its dispatcher loop, which include every failed accept. */
    private static final Set<String> DISPATCHER_FAILURES = Set.of("Dispatcher (4)", "Dispatcher (7)");

    private static final Logger SERVER_LOG = Logger.getLogger("com.sun.net.httpserver");

    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> first = new AtomicReference<>();

    private ServerErrors() {}

    /** Starts counting the server's dispatcher failures in this process. */
    static ServerErrors watch() {
        ServerErrors errors = new ServerErrors();
        SERVER_LOG.setLevel(Level.ALL);
        SERVER_LOG.addHandler(errors);
        return errors;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getThrown() == null || !DISPATCHER_FAILURES.contains(record.getMessage())) {
            return;
        }
        count.incrementAndGet();
        if (first.compareAndSet(null, record.getThrown().toString())) {
            System.err.println("the benchmark's server failed to accept or dispatch a connection (further ones are"
                    + " counted, not printed): " + record.getThrown());
        }
    }

    /** The answer to the {@code errors} command. */
    String line() {
        String firstError = first.get();
        return count.get() + "\t" + (firstError == null ? "" : firstError.replace('\n', ' '));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
