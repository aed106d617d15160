package dev.detour.app.resilience;

import dev.detour.core.model.Attempt;
import dev.detour.core.model.AttemptListener;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.SourceRef;
import dev.detour.core.model.StreamListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners a caller gave one call, shielded so that what they throw stays the caller's problem: it is
 * logged once per listener and call, and never becomes the provider's failure, a fallback or a lost answer.
 */
final class CallerListeners {

    private static final Logger LOG = LoggerFactory.getLogger(CallerListeners.class);

    private CallerListeners() {}

    static AttemptListener shielded(AttemptListener listener) {
        return listener == AttemptListener.NONE ? listener : new ShieldedAttempts(listener);
    }

    static StreamListener shielded(StreamListener listener) {
        return listener == StreamListener.NONE ? listener : new ShieldedStream(listener);
    }

    private static void run(Object listener, AtomicBoolean logged, String notice, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (logged.compareAndSet(false, true)) {
                LOG.warn("listener {} failed on {} ({}); the call goes on, and further failures of it in this call are"
                        + " not logged", listener.getClass().getName(), notice, e.toString());
                LOG.debug("listener failure", e);
            }
        }
    }

    private static final class ShieldedAttempts implements AttemptListener {

        private final AttemptListener delegate;
        private final AtomicBoolean logged = new AtomicBoolean();

        ShieldedAttempts(AttemptListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void attemptStarted(ModelRef model, int retry) {
            run(delegate, logged, "attemptStarted", () -> delegate.attemptStarted(model, retry));
        }

        @Override
        public void searchStarted(SourceRef source, int retry) {
            run(delegate, logged, "searchStarted", () -> delegate.searchStarted(source, retry));
        }

        @Override
        public void attemptFinished(Attempt attempt) {
            run(delegate, logged, "attemptFinished", () -> delegate.attemptFinished(attempt));
        }

        @Override
        public void retryScheduled(ModelRef model, int retry, Duration wait) {
            run(delegate, logged, "retryScheduled", () -> delegate.retryScheduled(model, retry, wait));
        }

        @Override
        public void fallbackTaken(ModelRef from, ModelRef to, Attempt lastAttemptOfFrom) {
            run(delegate, logged, "fallbackTaken", () -> delegate.fallbackTaken(from, to, lastAttemptOfFrom));
        }
    }

    private static final class ShieldedStream implements StreamListener {

        private final StreamListener delegate;
        private final AtomicBoolean logged = new AtomicBoolean();

        ShieldedStream(StreamListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onText(String delta) {
            run(delegate, logged, "onText", () -> delegate.onText(delta));
        }

        @Override
        public void onReset(ModelRef failedModel, ModelRef nextModel) {
            run(delegate, logged, "onReset", () -> delegate.onReset(failedModel, nextModel));
        }
    }
}
