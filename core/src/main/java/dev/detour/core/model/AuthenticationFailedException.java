package dev.detour.core.model;

/** The token was missing, wrong or not allowed (HTTP 401, 403, a routed provider's own auth failure); never retried, another provider may answer. */
public final class AuthenticationFailedException extends ModelCallException {

    AuthenticationFailedException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.AUTHENTICATION_FAILED;
    }
}
