package dev.detour.transport;

import dev.detour.core.spi.HttpLimits;
import dev.detour.core.internal.Require;
import dev.detour.core.model.CallContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The HTTP client of one provider, shared by all its models: its connection pools, at most
 * {@link HttpLimits#maxConcurrentCalls()} calls in flight (more wait their turn, first come first served,
 * no longer than their deadline), the credential written only for the provider's own origin, redirects
 * never followed, no silent resend, bounded bodies. {@link #exchange} runs one call and hands its response
 * to a {@link ResponseReader}; a virtual calling thread runs the call itself, so a call costs one thread.
 *
 * <p>Create one per configured provider, not per call, and {@link #close()} it when the provider is
 * closed. Build requests with {@link #callFactory()} (such as Retrofit's {@code callFactory}) and send
 * them through {@link #exchange}, which holds the slots, the deadline and cancellation; the factory's calls
 * cannot be executed themselves.
 */
public final class HttpTransport implements AutoCloseable {

    /** The most bytes of an error body kept; the rest is dropped, the status never is. */
    public static final long ERROR_BODY_LIMIT = 16 * 1024;

    private final HttpUrl baseUrl;
    private final ClientShards clients;
    private final DeadlineTimer deadlines;
    private final TransportFailures failures;
    private final KeyRedaction redaction;
    private final CallSlots slots;
    private final ResponseSizeLimit sizeLimit;
    private final Duration callTimeout;
    private volatile boolean closed;

    HttpTransport(String providerName, URI baseUrl, HttpLimits limits, Credential credential,
            DeadlineTimer deadlines) {
        Require.nonBlank(providerName, "providerName");
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(limits, "limits");
        Require.nonNull(credential, "credential");
        this.baseUrl = withTrailingSlash(HttpUrl.get(baseUrl.toString()));
        this.deadlines = Require.nonNull(deadlines, "deadlines");
        this.failures = new TransportFailures(this.baseUrl, limits);
        this.redaction = KeyRedaction.of(credential.secret());
        this.slots = new CallSlots(limits.maxConcurrentCalls());
        this.sizeLimit = new ResponseSizeLimit(limits.maxResponseBytes());
        this.callTimeout = limits.callTimeout();
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(limits.connectTimeout())
                .readTimeout(limits.readTimeout())
                .writeTimeout(limits.readTimeout())
                .callTimeout(limits.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(new WireRules(credential.secret().isPresent()
                        ? Optional.of(new OriginBoundCredential(credential, this.baseUrl)) : Optional.empty()));
        this.clients = new ClientShards(builder, limits.maxConcurrentCalls(), Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("detour-" + providerName + "-http-", 1).factory()));
    }

    /**
     * The transport of provider {@code providerName} (it names the threads) at {@code baseUrl}, sending
     * {@code credential} to that origin only.
     */
    public static HttpTransport create(String providerName, URI baseUrl, HttpLimits limits,
            Credential credential) {
        return new HttpTransport(providerName, baseUrl, limits, credential, new ScheduledDeadlineTimer(providerName));
    }

    /** The base URL, ending with {@code /} so that relative paths resolve below it. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /**
     * Makes calls that only carry their request, for a request builder such as Retrofit: send their
     * {@code request()} with {@link #exchange}; executing or enqueuing them throws.
     */
    public Call.Factory callFactory() {
        return RequestOnlyCall::new;
    }

    /**
     * Sends {@code request} once and returns what {@code reader} makes of the response, or throws what it
     * makes of the failure. Everything {@code reader} does runs on the calling thread, and everything it is
     * given has the credential's key, and every piece of it of eight characters or more, redacted. On a
     * virtual thread the call itself runs there too (on a platform thread, whose socket I/O an interrupt
     * cannot end, one of the client's virtual threads runs it).
     *
     * @param what names the call in messages, such as the model reference
     * @param deadline when the caller stops waiting; it also bounds the wait for a free concurrent-call slot
     * @throws CancellationException if the calling thread is or gets interrupted; its interrupt flag stays set
     * @throws IllegalStateException if this transport is closed
     */
    public <T> T exchange(String what, Request request, Optional<Instant> deadline, ResponseReader<T> reader) {
        Require.nonNull(what, "what");
        Require.nonNull(request, "request");
        Require.nonNull(deadline, "deadline");
        ResponseReader<T> redacting = new RedactingReader<>(Require.nonNull(reader, "reader"), redaction);
        if (closed) {
            throw new IllegalStateException("the provider of " + what + " is closed; create a new one");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the call to " + what + " was not started: the run was interrupted or cancelled");
        }
        Instant now = Instant.now();
        if (deadline.isPresent() && !deadline.get().isAfter(now)) {
            throw redacting.failed(failures.expiredBeforeStart(request.url()));
        }
        boolean deadlineFirst = deadline.isPresent() && !deadline.get().isAfter(now.plus(callTimeout));
        try (Exchange exchange = new Exchange(clients, deadlineFirst, slots, sizeLimit, request, what, failures)) {
            return exchange.run(deadline, deadlines, redacting);
        }
    }

    /**
     * Sends {@code request} once, within the deadline of {@code context} and carrying its
     * {@link CallContext#requestHeaders() request headers} too, and returns what {@code reader} makes of the
     * response, as {@link #exchange(String, Request, Optional, ResponseReader)} does.
     */
    public <T> T exchange(String what, Request request, CallContext context, ResponseReader<T> reader) {
        Require.nonNull(request, "request");
        Require.nonNull(context, "context");
        if (context.requestHeaders().isEmpty()) {
            return exchange(what, request, context.deadline(), reader);
        }
        Request.Builder carrying = request.newBuilder();
        context.requestHeaders().forEach(carrying::header);
        return exchange(what, carrying.build(), context.deadline(), reader);
    }

    /** Cancels calls in flight and releases connections and threads. */
    @Override
    public void close() {
        closed = true;
        clients.close();
        deadlines.close();
    }

    @Override
    public String toString() {
        return "HttpTransport[" + baseUrl + "]";
    }

    private static HttpUrl withTrailingSlash(HttpUrl url) {
        return url.encodedPath().endsWith("/") ? url : url.newBuilder().addPathSegment("").build();
    }
}
