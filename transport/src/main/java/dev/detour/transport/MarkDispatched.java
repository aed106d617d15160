package dev.detour.transport;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells an {@link Exchange} that its call left the dispatcher's queue and started, so a deadline that
 * passes can say whether the call was still waiting for one of the provider's concurrent-call slots.
 */
final class MarkDispatched implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Exchange exchange = chain.request().tag(Exchange.class);
        if (exchange != null) {
            exchange.dispatched();
        }
        return chain.proceed(chain.request());
    }
}
