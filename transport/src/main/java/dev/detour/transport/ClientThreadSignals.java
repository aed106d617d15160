package dev.detour.transport;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Runs the call on one of the client's virtual threads ({@link Call#enqueue}), which reads the whole
 * response into a queue that the calling thread takes from. For platform callers, whose blocking socket
 * I/O an interrupt cannot end: their wait on the queue is interruptible instead.
 */
final class ClientThreadSignals implements Signals, Callback {

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final ResponseSizeLimit limit;

    ClientThreadSignals(Call call, ResponseSizeLimit limit) {
        this.limit = limit;
        call.enqueue(this);
    }

    /** Adds a signal that did not come from the response, such as the deadline passing. */
    void add(Signal signal) {
        signals.add(signal);
    }

    @Override
    public Signal next() throws InterruptedException {
        return signals.take();
    }

    @Override
    public void onResponse(Call ignored, Response response) {
        try (ResponseSignals read = new ResponseSignals(response, limit)) {
            Signal signal;
            do {
                signal = read.next();
                signals.add(signal);
            } while (!ResponseSignals.isLast(signal));
        } catch (IOException e) {
            signals.add(new Signal.Failed(e));
        }
    }

    @Override
    public void onFailure(Call ignored, IOException failure) {
        signals.add(new Signal.Failed(failure));
    }

    @Override
    public void close() {
        // the client's thread closes the response once it is read or cancelled
    }
}
