package dev.detour.transport;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import okhttp3.Call;

/**
 * Runs the call on the calling thread itself ({@link Call#execute()}) and reads each signal when it is
 * asked for: one thread per call, with no handoff. For virtual callers only, whose blocking socket I/O
 * an interrupt ends (closing the socket); a deadline ends it by cancelling the call.
 */
final class CallingThreadSignals implements Signals {

    private final Call call;
    private final ResponseSizeLimit limit;
    private final BooleanSupplier expired;
    private ResponseSignals response;

    CallingThreadSignals(Call call, ResponseSizeLimit limit, BooleanSupplier expired) {
        this.call = call;
        this.limit = limit;
        this.expired = expired;
    }

    @Override
    public Signal next() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        try {
            if (response == null) {
                response = new ResponseSignals(call.execute(), limit);
            }
            return response.next();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            return expired.getAsBoolean() ? new Signal.Expired(true) : new Signal.Failed(e);
        }
    }

    @Override
    public void close() {
        if (response != null) {
            response.close();
        }
    }
}
