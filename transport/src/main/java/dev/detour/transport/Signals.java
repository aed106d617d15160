package dev.detour.transport;

/** Where the calling thread of an {@link Exchange} takes its call's {@link Signal}s from, in order. */
sealed interface Signals extends AutoCloseable permits CallingThreadSignals, ClientThreadSignals {

    /**
     * The next signal.
     *
     * @throws InterruptedException if the calling thread is or gets interrupted
     */
    Signal next() throws InterruptedException;

    /** Lets go of the response, once the exchange is over. */
    @Override
    void close();
}
