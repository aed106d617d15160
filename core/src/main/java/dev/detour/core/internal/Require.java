package dev.detour.core.internal;

import java.time.Duration;

/**
 * Argument checks for Detour's public API whose failure messages name the parameter and the value it
 * was given, so a caller sees what to fix where the value is built.
 */
public final class Require {

    private Require() {}

    /** Returns {@code value}, or throws {@link NullPointerException} saying {@code "<name> == null"}. */
    public static <T> T nonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " == null");
        }
        return value;
    }

    /** Returns {@code value} if it has a non-whitespace character. */
    public static String nonBlank(String value, String name) {
        nonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was \"" + value + "\"");
        }
        return value;
    }

    /** Returns {@code value} if it is at least 1. */
    public static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is at least 1. */
    public static long positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is zero or more. */
    public static int notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is zero or more. */
    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is longer than zero. */
    public static Duration positive(Duration value, String name) {
        nonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is zero or longer. */
    public static Duration notNegative(Duration value, String name) {
        nonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
