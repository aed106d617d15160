package dev.detour.core.model;

/** The model did not answer in time (connect, read or call timeout, HTTP 408); worth a retry and a fallback. */
public final class ModelTimeoutException extends ModelCallException {

    ModelTimeoutException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.TIMEOUT;
    }
}
