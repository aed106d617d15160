package dev.detour.core.model;

/** The request itself is wrong, so every model would refuse it; the chain fails fast with this error instead of falling back. */
public final class InvalidRequestException extends ModelCallException {

    InvalidRequestException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_REQUEST;
    }
}
