package dev.detour.core.workflow;

/**
 * Turns the values a run stores (step inputs and outputs, events, settings) into JSON and back: the
 * port a {@link RunStore} writes through, implemented outside core (the app's is built on Jackson).
 *
 * <p>A value that went through {@link #encode} comes back from {@link #decode} equal to itself, records
 * and sealed types included. Every stored row keeps the {@link #version()} it was written with, so a
 * later codec can still read it; do not change what a version means once it has been released.
 */
public interface ValueCodec {

    /** The version of the JSON this codec writes, at least 1. */
    int version();

    /**
     * {@code value} as JSON that names its type.
     *
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    String encode(Object value);

    /**
     * The value {@link #encode} wrote as {@code json}, written at {@code version}.
     *
     * @throws IllegalArgumentException if the JSON cannot be read back, or was written by a newer version
     */
    Object decode(String json, int version);
}
