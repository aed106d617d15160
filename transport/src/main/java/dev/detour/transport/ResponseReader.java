package dev.detour.transport;

/**
 * How an adapter turns one HTTP response into its result, or into the failure to throw. Every method
 * runs on the calling thread, in the order the response arrived; what a method throws ends the exchange.
 *
 * @param <T> the result, such as a chat answer
 */
public interface ResponseReader<T> {

    /** An error status (4xx, 5xx) with its body, cut at {@link HttpTransport#ERROR_BODY_LIMIT} bytes. */
    RuntimeException rejected(HttpHead head, byte[] body);

    /** The whole body of a successful response that is not an event stream. */
    T body(HttpHead head, byte[] body);

    /** The reader of a successful response that is an event stream, given each event as it arrives. */
    EventReader<T> events(HttpHead head);

    /**
     * A failure of the exchange itself: a timeout, the caller's deadline, a refused or dropped connection,
     * a body above the size cap, a redirect (never followed).
     */
    RuntimeException failed(TransportFailure failure);
}
