package dev.detour.engine.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The one activity of a Detour run: a model call through the worker's resilience chain. */
@ActivityInterface
public interface ModelCalls {

    /** The activity type's name in histories and on task queues. */
    String TYPE = "DetourModelCall";

    /**
     * Makes {@code call} through the chain; a call no model answered ends in a non-retryable application
     * failure whose details are a {@code CallFailure}.
     */
    @ActivityMethod(name = TYPE)
    CallOutcome call(ModelCall call);
}
