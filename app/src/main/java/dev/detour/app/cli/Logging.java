package dev.detour.app.cli;

import java.util.List;

/**
 * Sets up the CLI's SLF4J binding (slf4j-simple) before the first logger exists: warnings and errors only,
 * on standard error, without dates or thread names; with {@code --verbose}, Detour's own diagnostics at debug
 * level too (the JDK's and the libraries' stay at warnings).
 * The JDK-only modules' {@code System.Logger} reaches the same place through slf4j-jdk-platform-logging.
 * Settings given with {@code -D} win.
 */
final class Logging {

    static final String VERBOSE = "--verbose";

    private Logging() {}

    static void configure(List<String> args) {
        boolean verbose = args.contains(VERBOSE);
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.detour", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", String.valueOf(verbose));
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
