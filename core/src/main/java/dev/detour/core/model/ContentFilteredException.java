package dev.detour.core.model;

/** The provider refused the content; never retried, another provider may answer. */
public final class ContentFilteredException extends ModelCallException {

    ContentFilteredException(Builder builder) {
        super(builder);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONTENT_FILTERED;
    }
}
