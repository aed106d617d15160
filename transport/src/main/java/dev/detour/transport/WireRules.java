package dev.detour.transport;

import java.io.IOException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The transport's one interceptor, on the network side so that it sees each request that goes on the wire:
 * it names Detour as the {@link UserAgent}, writes the credential for its own origin only
 * ({@link OriginBoundCredential}), and holds a 503's {@code Retry-After} from OkHttp ({@link NoSilentRetry}).
 * One interceptor, not three, so that a call waiting on the socket holds fewer frames.
 */
final class WireRules implements Interceptor {

    private final Optional<OriginBoundCredential> credential;

    WireRules(Optional<OriginBoundCredential> credential) {
        this.credential = credential;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request.Builder sent = request.newBuilder().header(UserAgent.HEADER, UserAgent.VALUE);
        credential.ifPresent(bound -> bound.writeOn(sent, request.url()));
        return NoSilentRetry.holding(chain.proceed(sent.build()));
    }
}
