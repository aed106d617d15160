package dev.detour.adapters.openai;

import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelRef;
import dev.detour.core.wire.RetryWait;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Builds the {@link ModelCallException} for everything that can go wrong with one model's call: a
 * provider's error response, an error inside a 200 body or stream, a transport failure, or an answer
 * Detour cannot use. Messages carry the provider's words and what to do, never the key.
 */
final class Failures {

    private static final int MAX_PROVIDER_WORDS = 360;
    private static final Pattern REQUEST_ID_IN_TEXT = Pattern.compile("(?i)request ID ([A-Za-z0-9_-]{8,})");

    private final ModelRef model;
    private final OpenAiSettings settings;
    private final Clock clock;

    Failures(ModelRef model, OpenAiSettings settings, Clock clock) {
        this.model = model;
        this.settings = settings;
        this.clock = clock;
    }

    ModelRef model() {
        return model;
    }

    /** An HTTP error response, or (with {@code status} 200 or null) an error object inside a success. */
    ModelCallException fromProvider(Integer status, ProviderError error, Function<String, String> header,
            boolean inStream) {
        ErrorKind kind = ErrorClassifier.classify(status, error);
        Integer reported = status == null || status == 200 ? error.embeddedStatus() : status;
        String words = error.message() == null ? emptyBodyText(reported) : trim(error.message());
        String prefix = inStream ? "error event inside the 200 stream: " : status != null && status == 200
                ? "error object inside an HTTP 200 body: " : "";
        ModelCallException.Builder builder = ModelCallException.builder(kind, model)
                .httpStatus(reported)
                .providerCode(error.code())
                .requestId(requestId(header, error.message()))
                .shouldRetry(shouldRetry(header.apply("x-should-retry")))
                .detail(prefix + words + note(kind, reported));
        builder.retryAfter((kind == ErrorKind.RATE_LIMITED
                ? RetryWait.fromHeaders(header, clock)
                : RetryWait.fromRetryAfterHeaders(header, clock)).orElse(null));
        return builder.build();
    }

    /** A failure to send or to read: timeouts, refused and dropped connections, oversized bodies. */
    ModelCallException fromTransport(IOException failure, Integer status, Function<String, String> header) {
        ModelCallException.Builder builder;
        if (failure instanceof ResponseTooLargeException) {
            builder = ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, model).httpStatus(status)
                    .detail(failure.getMessage() + "; if answers are legitimately this long, raise the provider's"
                            + " response size cap");
        } else if (failure instanceof InterruptedIOException) {
            builder = ModelCallException.builder(ErrorKind.TIMEOUT, model).detail(timeoutText(failure));
        } else {
            builder = ModelCallException.builder(ErrorKind.PROVIDER_UNAVAILABLE, model).detail(connectionText(failure));
        }
        return builder.requestId(header == null ? null : header.apply("x-request-id")).cause(failure).build();
    }

    /** A 200 answer that cannot be used. */
    ModelCallException malformed(String what, Function<String, String> header, Throwable cause) {
        return ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, model)
                .httpStatus(200)
                .requestId(header.apply("x-request-id"))
                .detail(what)
                .cause(cause)
                .build();
    }

    /** A 200 answer the provider withheld or the model refused. */
    ModelCallException contentFiltered(String what, Function<String, String> header) {
        return ModelCallException.builder(ErrorKind.CONTENT_FILTERED, model)
                .httpStatus(200)
                .requestId(header.apply("x-request-id"))
                .detail(what)
                .build();
    }

    private String note(ErrorKind kind, Integer status) {
        if (kind == ErrorKind.AUTHENTICATION_FAILED) {
            return settings.apiKey().isPresent()
                    ? "; the key from " + settings.keySourceForMessages() + " was refused: check that it is valid"
                            + " for " + settings.baseUrl().getHost() + " and allowed to use " + model.model()
                    : "; no API key was sent: set " + settings.keySourceForMessages();
        }
        if (status != null && status >= 300 && status < 400) {
            return "; redirects are not followed so the key never leaves " + settings.baseUrl().getHost()
                    + ": set the base URL to the address the server redirects to";
        }
        if (status != null && (status == 404 || status == 405) && kind == ErrorKind.MODEL_UNAVAILABLE) {
            return "; check the model id \"" + model.model() + "\" and that the base URL " + settings.baseUrl()
                    + " is the API root (chat/completions is appended to it)";
        }
        return "";
    }

    private static String emptyBodyText(Integer status) {
        return status == null ? "no error message" : "HTTP " + status + " with no error message";
    }

    private static String requestId(Function<String, String> header, String message) {
        String fromHeader = header.apply("x-request-id");
        if (fromHeader != null && !fromHeader.isBlank()) {
            return fromHeader;
        }
        if (message != null) {
            Matcher inText = REQUEST_ID_IN_TEXT.matcher(message);
            if (inText.find()) {
                return inText.group(1);
            }
        }
        return null;
    }

    private static Boolean shouldRetry(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private String timeoutText(IOException failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (failure instanceof SocketTimeoutException && message.contains("connect")) {
            return "no connection to " + settings.baseUrl().getHost() + " within the connect timeout of "
                    + settings.connectTimeout().toMillis() + " ms";
        }
        if (failure instanceof SocketTimeoutException) {
            return "the provider sent nothing for longer than the read timeout of "
                    + settings.readTimeout().toMillis() + " ms";
        }
        return "the call did not finish in time (its limit is the call timeout of " + settings.callTimeout().toMillis()
                + " ms or the caller's deadline, such as resilience.attempt-timeout, whichever is sooner)";
    }

    private String connectionText(IOException failure) {
        String host = settings.baseUrl().getHost();
        if (failure instanceof ConnectException) {
            return "could not connect to " + host + " (" + failure.getMessage() + "); is the server running at "
                    + settings.baseUrl() + "?";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host " + host + "; check the base URL and the network";
        }
        if (failure instanceof SSLException) {
            return "TLS with " + host + " failed: " + failure.getMessage();
        }
        return "the connection to " + host + " failed: " + failure.getMessage();
    }

    private static String trim(String words) {
        String oneLine = words.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_PROVIDER_WORDS ? oneLine : oneLine.substring(0, MAX_PROVIDER_WORDS - 1) + "…";
    }
}
