package dev.detour.core.model;

/** The answer was unusable (unparseable, empty, truncated stream, oversized, structured output that does not validate); retried once, then another model. */
public final class MalformedResponseException extends ModelCallException {

    MalformedResponseException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.MALFORMED_RESPONSE;
    }
}
