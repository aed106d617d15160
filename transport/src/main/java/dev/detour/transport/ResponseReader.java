package dev.detour.transport;

import dev.detour.core.internal.Require;
import java.util.function.BiFunction;
import java.util.function.Function;

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

    /**
     * A reader made of one function per outcome, in the order of this interface's methods.
     *
     * @param rejected the failure of an error status, given its head and (cut) body
     * @param body the result of a whole body
     * @param events the reader of an event stream, given its head
     * @param failed the failure of the exchange itself
     */
    static <T> ResponseReader<T> of(
            BiFunction<HttpHead, byte[], RuntimeException> rejected,
            BiFunction<HttpHead, byte[], T> body,
            Function<HttpHead, EventReader<T>> events,
            Function<TransportFailure, RuntimeException> failed) {
        Require.nonNull(rejected, "rejected");
        Require.nonNull(body, "body");
        Require.nonNull(events, "events");
        Require.nonNull(failed, "failed");
        return new ResponseReader<>() {
            @Override
            public RuntimeException rejected(HttpHead head, byte[] errorBody) {
                return rejected.apply(head, errorBody);
            }

            @Override
            public T body(HttpHead head, byte[] bytes) {
                return body.apply(head, bytes);
            }

            @Override
            public EventReader<T> events(HttpHead head) {
                return events.apply(head);
            }

            @Override
            public RuntimeException failed(TransportFailure failure) {
                return failed.apply(failure);
            }
        };
    }
}
