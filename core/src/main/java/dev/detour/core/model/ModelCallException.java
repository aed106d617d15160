package dev.detour.core.model;

import dev.detour.core.internal.Durations;
import dev.detour.core.internal.Require;
import dev.detour.core.secret.Redaction;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A model call failed, and its subclass says how: one final class per {@link ErrorKind}.
 *
 * <p>Each carries the model, the inference provider when known, the HTTP status, the provider's own
 * error code and request id, and the provider's words trimmed and scrubbed of anything key-shaped. Build
 * one with {@link #builder(ErrorKind, ModelRef)}, which picks the subclass from the kind.
 */
public abstract sealed class ModelCallException extends ModelFailure
        permits ProviderUnavailableException,
                ModelTimeoutException,
                RateLimitedException,
                QuotaExceededException,
                AuthenticationFailedException,
                ModelUnavailableException,
                ContextLengthExceededException,
                ContentFilteredException,
                MalformedResponseException,
                InvalidRequestException {

    /** The most characters of a provider's message kept in {@link #detail()}. */
    public static final int MAX_DETAIL_LENGTH = 500;

    private final ModelRef model;
    private final String inferenceProvider;
    private final Integer httpStatus;
    private final String providerCode;
    private final String requestId;
    private final Boolean shouldRetry;
    private final String detail;
    private final Duration retryAfter;
    private final TokenUsage usage;

    ModelCallException(Builder builder) {
        super(builder.cause);
        this.model = builder.model;
        this.inferenceProvider = builder.inferenceProvider;
        this.httpStatus = builder.httpStatus;
        this.providerCode = builder.providerCode;
        this.requestId = builder.requestId;
        this.shouldRetry = builder.shouldRetry;
        this.detail = builder.detail;
        this.retryAfter = builder.retryAfter;
        this.usage = builder.usage;
    }

    /** Starts an exception of {@code kind} for {@code model}. */
    public static Builder builder(ErrorKind kind, ModelRef model) {
        return new Builder(kind, model);
    }

    /** The kind of failure, which decides retry and fallback. */
    public abstract ErrorKind kind();

    /** The one kind of this failure. */
    @Override
    public final Set<ErrorKind> kinds() {
        return Set.of(kind());
    }

    /** The model that failed. */
    public ModelRef model() {
        return model;
    }

    /** Who actually ran the model (such as {@code novita}), when known. */
    public Optional<String> inferenceProvider() {
        return Optional.ofNullable(inferenceProvider);
    }

    /** The HTTP status of the failed response, if the failure had one. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The provider's machine-readable error code, such as {@code rate_limit_exceeded}. */
    public Optional<String> providerCode() {
        return Optional.ofNullable(providerCode);
    }

    /** The provider's id for the failed request. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The provider's own retry instruction ({@code x-should-retry}), when it gave one. */
    public Optional<Boolean> shouldRetryOverride() {
        return Optional.ofNullable(shouldRetry);
    }

    /**
     * How long the provider asked to wait before the next request ({@code Retry-After} and kin), if it
     * said; the chain honours it before a retry when it is within {@code max-retry-wait}.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The tokens the provider reported for the failed try, such as a 200 whose answer was unusable. */
    @Override
    public TokenUsage usage() {
        return usage;
    }

    /** The provider's words (or what Detour observed), trimmed and scrubbed of credentials. */
    public String detail() {
        return detail;
    }

    /** Whether the same model may be tried again: the provider's instruction if any, else the kind's rule. */
    public boolean retryable() {
        return shouldRetry != null ? shouldRetry : kind().retrySameModel();
    }

    /** Whether another model of the chain may succeed where this one failed. */
    public boolean fallBackAllowed() {
        return kind().fallBack();
    }

    /** Who to name as the source of the failure: the inference provider, else the configured provider. */
    public String source() {
        return inferenceProvider != null ? inferenceProvider : model.provider();
    }

    /**
     * A short cause for one-line summaries: the status when it is the failure ({@code HTTP 500 from novita}),
     * else the kind ({@code Timeout from novita}, also for a failure inside an HTTP 200).
     */
    public String summary() {
        String what = httpStatus != null && httpStatus >= 300 ? "HTTP " + httpStatus : kind().displayName();
        return what + " from " + source();
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder(kind().displayName()).append(": ").append(summary())
                .append(" for ").append(model);
        if (!detail.isEmpty()) {
            message.append(": ").append(detail);
        }
        String extra = extraMessage();
        if (!extra.isEmpty()) {
            message.append("; ").append(extra);
        }
        if (providerCode != null) {
            message.append(" (provider code ").append(providerCode).append(')');
        }
        if (requestId != null) {
            message.append(" [request id ").append(requestId).append(']');
        }
        return message.toString();
    }

    private String extraMessage() {
        return retryAfter == null ? "" : "provider asks to wait " + Durations.human(retryAfter);
    }

    /** A builder holding this exception's details, for an adapter that learns more after the fact. */
    public Builder toBuilder() {
        Builder builder = new Builder(kind(), model)
                .inferenceProvider(inferenceProvider)
                .httpStatus(httpStatus)
                .providerCode(providerCode)
                .requestId(requestId)
                .shouldRetry(shouldRetry)
                .detail(detail)
                .retryAfter(retryAfter)
                .usage(usage)
                .cause(getCause());
        return builder;
    }

    /** Collects a failure's details and builds the exception class of its kind. */
    public static final class Builder {
        private ErrorKind kind;
        private final ModelRef model;
        private String inferenceProvider;
        private Integer httpStatus;
        private String providerCode;
        private String requestId;
        private Boolean shouldRetry;
        private String detail = "";
        private Duration retryAfter;
        private TokenUsage usage = TokenUsage.NONE;
        private Throwable cause;

        private Builder(ErrorKind kind, ModelRef model) {
            this.kind = Require.nonNull(kind, "kind");
            this.model = Require.nonNull(model, "model");
        }

        /** Changes the kind, for an adapter that classifies in stages. */
        public Builder kind(ErrorKind value) {
            this.kind = Require.nonNull(value, "kind");
            return this;
        }

        public Builder inferenceProvider(String value) {
            this.inferenceProvider = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        public Builder httpStatus(Integer value) {
            if (value != null && (value < 100 || value > 599)) {
                throw new IllegalArgumentException("httpStatus must be between 100 and 599, was " + value);
            }
            this.httpStatus = value;
            return this;
        }

        public Builder providerCode(String value) {
            this.providerCode = value == null || value.isBlank() ? null : Redaction.redactAndTrim(value, 100);
            return this;
        }

        public Builder requestId(String value) {
            this.requestId = value == null || value.isBlank() ? null : Redaction.redactAndTrim(value, 200);
            return this;
        }

        /** The provider's {@code x-should-retry} instruction, which overrides the kind's retry rule. */
        public Builder shouldRetry(Boolean value) {
            this.shouldRetry = value;
            return this;
        }

        /** The provider's words; credentials are scrubbed and the text is trimmed. */
        public Builder detail(String value) {
            this.detail = Redaction.redactAndTrim(value, MAX_DETAIL_LENGTH);
            return this;
        }

        /** How long the provider asked to wait before the next request. */
        public Builder retryAfter(Duration value) {
            if (value != null) {
                Require.notNegative(value, "retryAfter");
            }
            this.retryAfter = value;
            return this;
        }

        /** The tokens the provider reported for the failed try, if it reported any. */
        public Builder usage(TokenUsage value) {
            this.usage = value == null ? TokenUsage.NONE : value;
            return this;
        }

        public Builder cause(Throwable value) {
            this.cause = value;
            return this;
        }

        ModelRef model() {
            return model;
        }

        /** The exception of the builder's kind. */
        public ModelCallException build() {
            return switch (kind) {
                case PROVIDER_UNAVAILABLE -> new ProviderUnavailableException(this);
                case TIMEOUT -> new ModelTimeoutException(this);
                case RATE_LIMITED -> new RateLimitedException(this);
                case QUOTA_EXCEEDED -> new QuotaExceededException(this);
                case AUTHENTICATION_FAILED -> new AuthenticationFailedException(this);
                case MODEL_UNAVAILABLE -> new ModelUnavailableException(this);
                case CONTEXT_LENGTH_EXCEEDED -> new ContextLengthExceededException(this);
                case CONTENT_FILTERED -> new ContentFilteredException(this);
                case MALFORMED_RESPONSE -> new MalformedResponseException(this);
                case INVALID_REQUEST -> new InvalidRequestException(this);
            };
        }
    }
}
