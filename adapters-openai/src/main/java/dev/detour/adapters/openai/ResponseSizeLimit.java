package dev.detour.adapters.openai;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Keeps response bodies bounded: a successful body fails with {@link ResponseTooLargeException} once it
 * passes the cap, and an error body is cut at a few kilobytes, so neither can exhaust memory and an
 * error's status is never lost to its body.
 */
final class ResponseSizeLimit implements Interceptor {

    static final long ERROR_BODY_LIMIT = 16 * 1024;

    private final long limit;

    ResponseSizeLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        if (response.isSuccessful()) {
            return response.newBuilder().body(new CappedBody(body, limit)).build();
        }
        return response.newBuilder().body(truncated(body, Math.min(limit, ERROR_BODY_LIMIT))).build();
    }

    private static ResponseBody truncated(ResponseBody body, long max) {
        Buffer kept = new Buffer();
        try (body) {
            BufferedSource source = body.source();
            while (kept.size() < max && source.read(kept, max - kept.size()) != -1) {
                // keep reading until the cap or the end of the body
            }
        } catch (IOException e) {
            // a broken error body must not hide the status: keep what arrived
        }
        return ResponseBody.create(kept.readByteArray(), body.contentType());
    }

    /** A body that counts what is read and fails past the cap. */
    private static final class CappedBody extends ResponseBody {
        private final ResponseBody delegate;
        private final BufferedSource source;

        CappedBody(ResponseBody delegate, long limit) {
            this.delegate = delegate;
            this.source = Okio.buffer(new CountingSource(delegate.source(), limit));
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static final class CountingSource extends ForwardingSource {
        private final long limit;
        private long total;

        CountingSource(Source delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long read = super.read(sink, byteCount);
            if (read > 0) {
                total += read;
                if (total > limit) {
                    throw new ResponseTooLargeException(limit);
                }
            }
            return read;
        }
    }
}
