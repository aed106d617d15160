package dev.detour.transport;

import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;

/**
 * What went wrong with an exchange itself, already classified: its kind (DESIGN §3), what happened and
 * what to do, the response head if one had arrived, and the I/O failure behind it if there was one.
 *
 * @param kind the error kind, such as {@link ErrorKind#TIMEOUT}
 * @param detail what happened, naming the host and the limit involved; never a key
 * @param head the response's head, when the failure came after it (while reading the body, a redirect)
 * @param cause the I/O failure, when there was one
 */
public record TransportFailure(ErrorKind kind, String detail, Optional<HttpHead> head, Optional<Exception> cause) {

    public TransportFailure {
        Require.nonNull(kind, "kind");
        Require.nonBlank(detail, "detail");
        Require.nonNull(head, "head");
        Require.nonNull(cause, "cause");
    }

    /** Whether the host did not resolve: a wrong base URL or no network, which an immediate retry does not mend. */
    public boolean unresolvedHost() {
        return cause.filter(UnknownHostException.class::isInstance).isPresent();
    }

    /** A builder of the model-call failure this is, for {@code model}, with kind, status, detail and cause. */
    public ModelCallException.Builder builder(ModelRef model) {
        return ModelCallException.builder(kind, model)
                .httpStatus(head.map(HttpHead::status).orElse(null))
                .shouldRetry(unresolvedHost() ? false : null)
                .detail(detail)
                .cause(cause.orElse(null));
    }

    /**
     * The failure of a call to {@code model} this is, with the provider's request id that {@code requestId} reads
     * from the head. A timeout or a dropped connection after the head carries no status: a 200 that never
     * finished is not the provider's answer.
     */
    public ModelCallException modelCallFailure(ModelRef model, Function<HttpHead, Optional<String>> requestId) {
        Require.nonNull(requestId, "requestId");
        boolean cutShort = kind == ErrorKind.TIMEOUT || kind == ErrorKind.PROVIDER_UNAVAILABLE;
        return builder(model).httpStatus(cutShort ? null : head.map(HttpHead::status).orElse(null))
                .requestId(head.flatMap(requestId).orElse(null)).build();
    }

    /** A builder of the search failure this is, for the source configured as {@code source}, with kind, status, detail and cause. */
    public SearchFailedException.Builder searchBuilder(String source) {
        return SearchFailedException.builder(kind, source)
                .httpStatus(head.map(HttpHead::status).orElse(null))
                .shouldRetry(unresolvedHost() ? false : null)
                .detail(detail)
                .cause(cause.orElse(null));
    }
}
