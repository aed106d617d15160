package dev.detour.transport;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import okhttp3.Call;
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
    private final ClientShards clients;
    private final boolean deadlineFirst;
    private final Request request;
    private final Thread caller = Thread.currentThread();
    private volatile boolean expired;
    private volatile boolean dispatched;
    private volatile Call call;
    private int slot = CallSlots.NONE;
    private volatile Signals signals;
    private boolean complete;
    private Runnable cancelDeadline = () -> {};

    /**
     * A call of {@code request} through the shard of the slot it gets, without the call timeout if
     * {@code deadlineFirst} ({@link ClientShards#forSlot}).
     */
    Exchange(ClientShards clients, boolean deadlineFirst, CallSlots slots, ResponseSizeLimit limit, Request request,
            String what, TransportFailures failures) {
        this.what = what;
        this.failures = failures;
        this.slots = slots;
        this.limit = limit;
        this.clients = clients;
        this.deadlineFirst = deadlineFirst;
        this.request = request;
    }

    /** Sends the call once a slot is free and reads its response with {@code reader}; {@code deadline}, if any, ends it through {@code timer}. */
    <T> T run(Optional<Instant> deadline, DeadlineTimer timer, ResponseReader<T> reader) {
        deadline.ifPresent(at -> cancelDeadline = timer.schedule(at, this::expire));
        try {
            slot = slots.acquire(() -> expired);
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
        if (slot == CallSlots.NONE) {
            throw failure(new Signal.Expired(false), null, reader);
        }
        dispatched = true;
        Call call = clients.forSlot(slot, deadlineFirst).newCall(request);
        this.call = call;
        if (expired) {
            call.cancel();
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
                    reader.failed(failures.expired(request.url(), head, dispatched));
            case Signal.Failed failed -> reader.failed(failures.io(failed.error(), request.url(), head));
            case Signal.Expired gone -> reader.failed(failures.expired(request.url(), head, gone.dispatched()));
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
        cancelCall();
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
        cancelCall();
    }

    private void cancelCall() {
        Call sent = call;
        if (sent != null) {
            sent.cancel();
        }
    }

    @Override
    public void close() {
        cancelDeadline.run();
        if (!complete) {
            cancelCall();
        }
        if (signals != null) {
            signals.close();
        }
        if (slot != CallSlots.NONE) {
            slots.release(slot);
            slot = CallSlots.NONE;
        }
    }
}
