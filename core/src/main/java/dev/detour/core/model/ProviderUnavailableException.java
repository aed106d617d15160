package dev.detour.core.model;

/** The provider, or the upstream it routed to, failed or could not be reached (HTTP 409, 5xx, refused or reset connection, an HTML error page); worth a retry and a fallback. */
public final class ProviderUnavailableException extends ModelCallException {

    ProviderUnavailableException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PROVIDER_UNAVAILABLE;
    }
}
