package dev.detour.app.config;

import java.util.List;

/**
 * The configuration cannot be used: every problem found, one line each, naming the key path and saying
 * what to do. The command line reports it with exit code 2. It never holds a key, nor an exception that
 * could quote one.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    ConfigException(String source, List<String> problems) {
        super(String.join("\n", problems.stream().map(SecretShapes::redact).toList()));
        this.source = source;
        this.problems = problems.stream().map(SecretShapes::redact).toList();
    }

    /** Where the configuration was read from, such as {@code /home/ada/detour.yaml} or {@code built-in defaults}. */
    public String source() {
        return source;
    }

    /** Each problem as one line, {@code <key path>: <what is wrong>; <what to do>}, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
