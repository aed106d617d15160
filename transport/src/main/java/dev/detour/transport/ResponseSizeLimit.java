package dev.detour.transport;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Bounds what is read of every response. A successful body fails with {@link ResponseTooLargeException}
 * before its first byte if its {@code Content-Length} is above the cap, else as soon as it grows past it
 * (streams are counted over their whole length). An error body is read at once up to
 * {@link HttpTransport#ERROR_BODY_LIMIT} and cut there, keeping what arrived if the connection breaks,
 * because only its beginning is ever shown and its status must not be lost to its size.
 */
final class ResponseSizeLimit {

    private final long maxBytes;

    ResponseSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body of a successful {@code response}, which fails once it is read past the cap. */
    ResponseBody successBody(Response response) {
        return new CappedBody(response.body(), maxBytes);
    }

    /** The error body of {@code response}, read at once and cut at the error-body limit; it closes the body. */
    byte[] errorBody(Response response) {
        long max = Math.min(maxBytes, HttpTransport.ERROR_BODY_LIMIT);
        Buffer kept = new Buffer();
        try (ResponseBody body = response.body()) {
            BufferedSource source = body.source();
            while (kept.size() < max && source.read(kept, max - kept.size()) != -1) {
                // until the cap or the end of the body
            }
        } catch (IOException e) {
            // a broken error body must not hide the status: keep what arrived
        }
        return kept.readByteArray();
    }

    /** A body read through {@link Capped}; its media type is parsed only if asked for. */
    private static final class CappedBody extends ResponseBody {
        private final ResponseBody body;
        private final BufferedSource source;

        CappedBody(ResponseBody body, long limit) {
            this.body = body;
            this.source = Okio.buffer(new Capped(body.source(), limit, body.contentLength()));
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }
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
                throw new ResponseTooLargeException(limit);
            }
            long count = super.read(sink, byteCount);
            if (count > 0) {
                read += count;
                if (read > limit) {
                    throw new ResponseTooLargeException(limit);
                }
            }
            return count;
        }
    }
}
