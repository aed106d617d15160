package dev.detour.adapters.huggingface;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Bounds what is read of every response. A successful body that grows past the cap fails with
 * {@link BodyTooLargeException} (streams included, counted over the whole stream); an error body is cut
 * quietly at {@link #ERROR_BODY_LIMIT}, because only its beginning is ever shown and its status must not
 * be lost to its size.
 */
final class ResponseSizeLimit implements Interceptor {

    /** The most bytes of an error body kept. */
    static final long ERROR_BODY_LIMIT = 64 * 1024;

    private final long maxBytes;

    ResponseSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        Source limited = response.isSuccessful()
                ? new Capped(body.source(), maxBytes, body.contentLength())
                : new Truncating(body.source(), Math.min(maxBytes, ERROR_BODY_LIMIT));
        long length = response.isSuccessful() ? body.contentLength() : -1;
        return response.newBuilder()
                .body(ResponseBody.create(Okio.buffer(limited), body.contentType(), length))
                .build();
    }

    private static final class Capped extends ForwardingSource {
        private final long limit;
        private final long declaredLength;
        private long read;

        Capped(Source delegate, long limit, long declaredLength) {
            super(delegate);
            this.limit = limit;
            this.declaredLength = declaredLength;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (declaredLength > limit) {
                throw new BodyTooLargeException(limit);
            }
            long count = super.read(sink, byteCount);
            if (count > 0) {
                read += count;
                if (read > limit) {
                    throw new BodyTooLargeException(limit);
                }
            }
            return count;
        }
    }

    private static final class Truncating extends ForwardingSource {
        private long remaining;

        Truncating(Source delegate, long limit) {
            super(delegate);
            this.remaining = limit;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            long count = super.read(sink, Math.min(byteCount, remaining));
            if (count > 0) {
                remaining -= count;
            }
            return count;
        }
    }
}
