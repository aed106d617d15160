package dev.detour.transport;

import dev.detour.core.wire.SseEvent;
import dev.detour.core.wire.SseReader;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP call whose I/O runs on the client's threads while the calling thread takes its
 * {@link Signal}s in order and hands them to a {@link ResponseReader}. Waiting is interruptible:
 * interrupting the calling thread cancels the call (closing its socket), keeps the interrupt flag and
 * throws {@link CancellationException}. The caller's deadline ends the wait too, whether the call is on
 * the wire or still queued for a slot. Closing the exchange cancels whatever is still being read, unless
 * the stream said it was complete.
 */
final class Exchange implements Callback, AutoCloseable {

    private final String what;
    private final TransportFailures failures;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Call call;
    private volatile boolean dispatched;
    private volatile boolean released;
    private Runnable cancelDeadline = () -> {};

    Exchange(OkHttpClient client, Request request, String what, TransportFailures failures) {
        this.what = what;
        this.failures = failures;
        this.call = client.newCall(request.newBuilder().tag(Exchange.class, this).build());
    }

    /** Sends the call; {@code deadline}, if any, ends it through {@code timer}. */
    void start(Optional<Instant> deadline, DeadlineTimer timer) {
        deadline.ifPresent(at -> cancelDeadline = timer.schedule(at, this::expire));
        call.enqueue(this);
    }

    <T> T read(ResponseReader<T> reader) {
        Signal signal = next();
        return switch (signal) {
            case Signal.Head head when head.events() -> stream(head.head(), reader.events(head.head()), reader);
            case Signal.Head head -> whole(head.head(), reader);
            case Signal.Rejected rejected when rejected.head().isRedirect() ->
                    throw reader.failed(failures.redirect(rejected.head()));
            case Signal.Rejected rejected -> throw reader.rejected(rejected.head(), rejected.body());
            default -> throw failure(signal, null, reader);
        };
    }

    private <T> T whole(HttpHead head, ResponseReader<T> reader) {
        Signal signal = next();
        if (signal instanceof Signal.Body body) {
            return reader.body(head, body.bytes());
        }
        throw failure(signal, head, reader);
    }

    private <T> T stream(HttpHead head, EventReader<T> events, ResponseReader<T> reader) {
        while (true) {
            Signal signal = next();
            if (signal instanceof Signal.End) {
                return events.finish();
            }
            if (!(signal instanceof Signal.Event event)) {
                throw failure(signal, head, reader);
            }
            if (!events.accept(event.event())) {
                released = true;
                return events.finish();
            }
        }
    }

    private RuntimeException failure(Signal signal, HttpHead head, ResponseReader<?> reader) {
        return switch (signal) {
            case Signal.Failed failed -> reader.failed(failures.io(failed.error(), call.request().url(), head));
            case Signal.Expired expired -> reader.failed(failures.expired(call.request().url(), head, expired.dispatched()));
            default -> new IllegalStateException("unexpected " + signal.getClass().getSimpleName() + " in the response of "
                    + what);
        };
    }

    private Signal next() {
        try {
            return signals.take();
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(
                    "the call to " + what + " was cancelled: the run was interrupted before the answer came");
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    void dispatched() {
        dispatched = true;
    }

    private void expire() {
        signals.add(new Signal.Expired(dispatched));
        call.cancel();
    }

    @Override
    public void close() {
        cancelDeadline.run();
        if (!released) {
            call.cancel();
        }
    }

    @Override
    public void onResponse(Call ignored, Response response) {
        HttpHead head = HttpHead.of(response);
        try (ResponseBody body = response.body()) {
            if (!response.isSuccessful()) {
                signals.add(new Signal.Rejected(head, body.bytes()));
                return;
            }
            signals.add(new Signal.Head(head, head.isEventStream()));
            if (head.isEventStream()) {
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

    @Override
    public void onFailure(Call ignored, IOException failure) {
        signals.add(new Signal.Failed(failure));
    }
}
