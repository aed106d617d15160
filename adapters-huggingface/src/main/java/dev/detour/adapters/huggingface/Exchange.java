package dev.detour.adapters.huggingface;

import dev.detour.core.wire.SseEvent;
import dev.detour.core.wire.SseReader;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * One HTTP call whose I/O runs on OkHttp's thread while the calling thread takes its {@link Signal}s in
 * order. Waiting is interruptible: interrupting the calling thread cancels the call (closing its socket),
 * restores the interrupt flag and throws {@link CancellationException}. Closing the exchange cancels
 * whatever is still being read, unless the caller {@link #release() released} it.
 */
final class Exchange implements AutoCloseable {

    private final Call<ResponseBody> call;
    private final String what;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile boolean released;

    private Exchange(Call<ResponseBody> call, String what) {
        this.call = call;
        this.what = what;
    }

    /** Starts {@code call}; {@code what} names it in a cancellation message. */
    static Exchange start(Call<ResponseBody> call, String what) {
        Exchange exchange = new Exchange(call, what);
        call.enqueue(exchange.new Reader());
        return exchange;
    }

    /** The next signal, waiting for it as long as the call's timeouts allow. */
    Signal next() {
        try {
            return signals.take();
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(
                    "the call to " + what + " was cancelled because the calling thread was interrupted");
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    /**
     * Says the caller has all it needs although the body has not ended (a stream's {@code [DONE]}): the I/O
     * thread may read the rest, within the call's timeouts, so the connection can be reused.
     */
    void release() {
        released = true;
    }

    @Override
    public void close() {
        if (!released) {
            call.cancel();
        }
    }

    private final class Reader implements Callback<ResponseBody> {

        @Override
        public void onResponse(Call<ResponseBody> ignored, Response<ResponseBody> response) {
            HttpHead head = new HttpHead(response.code(), response.headers(), response.raw().request().url());
            if (!response.isSuccessful()) {
                signals.add(new Signal.Rejected(head, errorBytes(response.errorBody())));
                return;
            }
            signals.add(new Signal.Head(head));
            try (ResponseBody body = response.body()) {
                if (body == null) {
                    signals.add(new Signal.Body(new byte[0]));
                } else if (head.isEventStream()) {
                    readEvents(body);
                } else {
                    signals.add(new Signal.Body(body.bytes()));
                }
            } catch (IOException e) {
                signals.add(new Signal.Failed(e));
            } catch (RuntimeException e) {
                signals.add(new Signal.Failed(new IOException("reading the response failed: " + e, e)));
            }
        }

        private void readEvents(ResponseBody body) throws IOException {
            SseReader reader = new SseReader(body.charStream());
            Optional<SseEvent> event;
            while ((event = reader.next()).isPresent()) {
                signals.add(new Signal.Event(event.get()));
            }
            signals.add(new Signal.End());
        }

        private byte[] errorBytes(ResponseBody body) {
            if (body == null) {
                return new byte[0];
            }
            try (body) {
                return body.bytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }

        @Override
        public void onFailure(Call<ResponseBody> ignored, Throwable failure) {
            signals.add(new Signal.Failed(failure instanceof IOException io
                    ? io : new IOException("the call failed: " + failure, failure)));
        }
    }
}
