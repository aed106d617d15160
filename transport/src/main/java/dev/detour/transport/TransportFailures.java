package dev.detour.transport;

import dev.detour.core.spi.HttpLimits;
import dev.detour.core.model.ErrorKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;

/**
 * Classifies what can go wrong with an exchange itself (DESIGN §3): timeouts and the caller's deadline
 * are Timeout, refused, reset and dropped connections ProviderUnavailable, a body above the cap
 * MalformedResponse, a redirect ModelUnavailable. Each detail names the host and the limit involved.
 */
final class TransportFailures {

    private final HttpUrl baseUrl;
    private final HttpLimits limits;

    TransportFailures(HttpUrl baseUrl, HttpLimits limits) {
        this.baseUrl = baseUrl;
        this.limits = limits;
    }

    /** An I/O failure of the request to {@code url}; {@code head} is null when no response had arrived. */
    TransportFailure io(IOException error, HttpUrl url, HttpHead head) {
        String host = url.host();
        ErrorKind kind = ErrorKind.PROVIDER_UNAVAILABLE;
        String detail;
        if (error instanceof ResponseTooLargeException tooLarge) {
            kind = ErrorKind.MALFORMED_RESPONSE;
            detail = "the response from " + host + " is larger than the cap of " + tooLarge.limit()
                    + " bytes; raise the provider's max-response-bytes if such answers are expected";
        } else if (error instanceof SocketTimeoutException
                && String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
            kind = ErrorKind.TIMEOUT;
            detail = "no connection to " + host + " within the connect timeout of "
                    + limits.connectTimeout().toMillis() + " ms";
        } else if (error instanceof SocketTimeoutException) {
            kind = ErrorKind.TIMEOUT;
            detail = (head == null ? host + " took no more of the request, or sent no answer,"
                    : host + " sent nothing more of its answer") + " for longer than the read timeout of "
                    + limits.readTimeout().toMillis() + " ms" + (head == null ? " (it bounds each write too)" : "")
                    + "; raise the provider's read-timeout if it answers this slowly";
        } else if (error instanceof InterruptedIOException) {
            kind = ErrorKind.TIMEOUT;
            detail = "the call to " + host + " took longer than the call timeout of "
                    + limits.callTimeout().toMillis() + " ms";
        } else if (error instanceof UnknownHostException) {
            detail = "cannot resolve " + host + "; check the base URL and the network";
        } else if (error instanceof ConnectException) {
            detail = "cannot connect to " + host + " (" + error.getMessage() + "); is the server running at "
                    + baseUrl + "?";
        } else if (error instanceof SSLException) {
            detail = "TLS with " + host + " failed: " + error.getMessage();
        } else {
            detail = (head == null ? "the connection to " + host + " failed" : "the response from " + host
                    + " failed part-way") + " (" + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage()) + ")";
        }
        return new TransportFailure(kind, detail, Optional.ofNullable(head), Optional.of(error));
    }

    /** The caller's deadline passed; {@code dispatched} says whether the call had been granted a concurrent-call slot. */
    TransportFailure expired(HttpUrl url, HttpHead head, boolean dispatched) {
        String detail = dispatched || head != null
                ? "the caller's deadline passed before " + url.host() + " finished answering (the deadline is the"
                        + " chain's resilience.attempt-timeout or call-deadline, whichever is sooner)"
                : "the caller's deadline passed while the call waited for one of the " + limits.maxConcurrentCalls()
                        + " concurrent-call slots of this provider, so nothing was sent to " + url.host()
                        + "; raise its max-concurrent-calls or lower workflow.parallelism";
        return new TransportFailure(ErrorKind.TIMEOUT, detail, Optional.ofNullable(head), Optional.empty());
    }

    /** The caller's deadline had passed before the call started. */
    TransportFailure expiredBeforeStart(HttpUrl url) {
        return new TransportFailure(ErrorKind.TIMEOUT, "the caller's deadline had passed before the call to "
                + url.host() + " started, so nothing was sent", Optional.empty(), Optional.empty());
    }

    /** A redirect, which is never followed. */
    TransportFailure redirect(HttpHead head) {
        String location = head.header("Location");
        String detail = "HTTP " + head.status() + ": redirects are not followed, so the key never leaves "
                + head.host() + (location == null
                        ? "; set the base URL to the provider's API address"
                        : "; the server redirects to " + location + ": set the base URL to that address");
        return new TransportFailure(ErrorKind.MODEL_UNAVAILABLE, detail, Optional.of(head), Optional.empty());
    }
}
