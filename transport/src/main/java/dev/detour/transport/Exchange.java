package dev.detour.transport;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * One HTTP call, from taking one of the provider's concurrent-call slots to handing its {@link Signal}s,
 * in order, to a {@link ResponseReader} on the calling thread. A virtual caller runs the call itself; a
 * platform caller waits for a client thread's signals. Interrupting the calling thread cancels the call
 * (closing its socket), keeps the interrupt flag and throws {@link CancellationException}. The caller's
 * deadline ends the call too, whether it is on the wire or still waiting for a slot. Closing the exchange
 * cancels whatever is still being read, unless it was read to its end or the stream said it was complete.
 */
final class Exchange implements AutoCloseable {

    private final String what;
    private final TransportFailures failures;
    private final CallSlots slots;
    private final ResponseSizeLimit limit;
    private final Call call;
    private final Thread caller = Thread.currentThread();
    private volatile boolean expired;
    private volatile boolean dispatched;
    private volatile Signals signals;
    private boolean complete;
    private Runnable cancelDeadline = () -> {};

    Exchange(OkHttpClient client, CallSlots slots, ResponseSizeLimit limit, Request request, String what,
            TransportFailures failures) {
        this.what = what;
        this.failures = failures;
        this.slots = slots;
        this.limit = limit;
        this.call = client.newCall(request);
    }

    /** Sends the call once a slot is free and reads its response with {@code reader}; {@code deadline}, if any, ends it through {@code timer}. */
    <T> T run(Optional<Instant> deadline, DeadlineTimer timer, ResponseReader<T> reader) {
        deadline.ifPresent(at -> cancelDeadline = timer.schedule(at, this::expire));
        try {
            dispatched = slots.acquire(() -> expired);
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
        if (!dispatched) {
            throw failure(new Signal.Expired(false), null, reader);
        }
        signals = caller.isVirtual() ? new CallingThreadSignals(call, limit, () -> expired)
                : new ClientThreadSignals(call, limit);
        return read(reader);
    }

    private <T> T read(ResponseReader<T> reader) {
        Signal signal = next();
        return switch (signal) {
            case Signal.Head head when head.events() -> stream(head.head(), reader.events(head.head()), reader);
            case Signal.Head head -> whole(head.head(), reader);
            case Signal.Rejected rejected when rejected.head().isRedirect() -> {
                complete = true;
                throw reader.failed(failures.redirect(rejected.head()));
            }
            case Signal.Rejected rejected -> {
                complete = true;
                throw reader.rejected(rejected.head(), rejected.body());
            }
            default -> throw failure(signal, null, reader);
        };
    }

    private <T> T whole(HttpHead head, ResponseReader<T> reader) {
        Signal signal = next();
        if (signal instanceof Signal.Body body) {
            complete = true;
            return reader.body(head, body.bytes());
        }
        throw failure(signal, head, reader);
    }

    private <T> T stream(HttpHead head, EventReader<T> events, ResponseReader<T> reader) {
        while (true) {
            Signal signal = next();
            if (signal instanceof Signal.End) {
                complete = true;
                return events.finish();
            }
            if (!(signal instanceof Signal.Event event)) {
                throw failure(signal, head, reader);
            }
            if (!events.accept(event.event())) {
                complete = true;
                return events.finish();
            }
        }
    }

    private RuntimeException failure(Signal signal, HttpHead head, ResponseReader<?> reader) {
        return switch (signal) {
            case Signal.Failed ignored when expired ->
                    reader.failed(failures.expired(call.request().url(), head, dispatched));
            case Signal.Failed failed -> reader.failed(failures.io(failed.error(), call.request().url(), head));
            case Signal.Expired gone -> reader.failed(failures.expired(call.request().url(), head, gone.dispatched()));
            default -> new IllegalStateException("unexpected " + signal.getClass().getSimpleName() + " in the response of "
                    + what);
        };
    }

    private Signal next() {
        try {
            return signals.next();
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
    }

    private CancellationException cancelled(InterruptedException e) {
        call.cancel();
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException(
                "the call to " + what + " was cancelled: the run was interrupted before the answer came");
        cancelled.initCause(e);
        return cancelled;
    }

    private void expire() {
        expired = true;
        if (signals instanceof ClientThreadSignals queued) {
            queued.add(new Signal.Expired(dispatched));
        }
        CallSlots.wake(caller);
        call.cancel();
    }

    @Override
    public void close() {
        cancelDeadline.run();
        if (!complete) {
            call.cancel();
        }
        if (signals != null) {
            signals.close();
        }
        if (dispatched) {
            slots.release();
        }
    }
}
