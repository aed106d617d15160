package dev.detour.core.model;

/** The model is not served there (HTTP 404, 410, not supported by the provider, no chat template); never retried, another model may answer. */
public final class ModelUnavailableException extends ModelCallException {

    ModelUnavailableException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.MODEL_UNAVAILABLE;
    }
}
