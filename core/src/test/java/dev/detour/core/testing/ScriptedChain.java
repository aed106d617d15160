package dev.detour.core.testing;

import dev.detour.core.internal.Require;
import dev.detour.core.model.AllModelsFailedError;
import dev.detour.core.model.Attempt;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of {@link ScriptedModelPort}s for core tests that need DESIGN §3's retry and fallback without
 * the app: per model, a MalformedResponse is retried once and other retryable kinds twice (no backoff);
 * a kind that allows fallback goes on to the next model, and after the last {@link AllModelsFailedError}.
 * Every attempt is announced to the call's listener and kept in the answer.
 */
public final class ScriptedChain implements ModelPort {

    private static final int MAX_RETRIES = 2;

    private final List<ScriptedModelPort> models;

    public ScriptedChain(ScriptedModelPort... models) {
        this.models = List.of(models);
        if (this.models.isEmpty()) {
            throw new IllegalArgumentException("models must hold at least one model");
        }
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        Require.nonNull(request, "request");
        List<Attempt> attempts = new ArrayList<>();
        ModelCallException last = null;
        for (int index = 0; index < models.size(); index++) {
            ScriptedModelPort model = models.get(index);
            for (int retry = 0; ; retry++) {
                context.attemptListener().attemptStarted(model.model(), retry);
                Instant start = Instant.now();
                try {
                    ChatResponse answer = model.chat(request, context);
                    Attempt succeeded = Attempt.succeeded(model.model(), answer.inferenceProvider().orElse(null), retry,
                            start, Duration.ZERO);
                    attempts.add(succeeded);
                    context.attemptListener().attemptFinished(succeeded);
                    return answer.withAttempts(attempts);
                } catch (ModelCallException failure) {
                    Attempt failed = Attempt.failed(failure, retry, start, Duration.ZERO);
                    attempts.add(failed);
                    context.attemptListener().attemptFinished(failed);
                    last = failure;
                    if (!failure.fallBackAllowed()) {
                        throw failure;
                    }
                    int allowed = failure.kind().retry() == ErrorKind.Retry.ONCE ? 1 : MAX_RETRIES;
                    if (!failure.retryable() || retry >= allowed) {
                        break;
                    }
                }
            }
            if (index + 1 < models.size()) {
                context.attemptListener().fallbackTaken(model.model(), models.get(index + 1).model(),
                        attempts.get(attempts.size() - 1));
            }
        }
        throw new AllModelsFailedError(attempts, last);
    }
}
