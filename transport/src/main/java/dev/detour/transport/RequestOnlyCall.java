package dev.detour.transport;

import dev.detour.core.internal.Require;
import kotlin.jvm.functions.Function0;
import kotlin.reflect.KClass;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * What {@link HttpTransport#callFactory()} makes: a request that a builder such as Retrofit has put
 * together, to be sent through {@link HttpTransport#exchange}. It cannot be executed itself, so that no call
 * skips the provider's slots, deadline and cancellation, and making one costs no client call.
 */
final class RequestOnlyCall implements Call {

    private final Request request;
    private volatile boolean canceled;

    RequestOnlyCall(Request request) {
        this.request = Require.nonNull(request, "request");
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Response execute() {
        throw notSendable();
    }

    @Override
    public void enqueue(Callback responseCallback) {
        throw notSendable();
    }

    @Override
    public void cancel() {
        canceled = true;
    }

    @Override
    public boolean isExecuted() {
        return false;
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    @Override
    public Timeout timeout() {
        return Timeout.NONE;
    }

    @Override
    public <T> T tag(KClass<T> type) {
        return request.tag(type);
    }

    @Override
    public <T> T tag(Class<? extends T> type) {
        return request.tag(type);
    }

    @Override
    public <T> T tag(KClass<T> type, Function0<? extends T> computeIfAbsent) {
        throw noOwnTags();
    }

    @Override
    public <T> T tag(Class<T> type, Function0<? extends T> computeIfAbsent) {
        throw noOwnTags();
    }

    @Override
    public Call clone() {
        return new RequestOnlyCall(request);
    }

    private static UnsupportedOperationException noOwnTags() {
        return new UnsupportedOperationException("a call of HttpTransport.callFactory() keeps no tags of its own:"
                + " tag the request instead");
    }

    private UnsupportedOperationException notSendable() {
        return new UnsupportedOperationException("a call of HttpTransport.callFactory() only carries its request to "
                + request.url().host() + ": send request() with HttpTransport.exchange, which holds the provider's"
                + " concurrent-call slots, the caller's deadline and cancellation");
    }
}
