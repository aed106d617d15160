package dev.detour.app.resilience;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ModelPort;

/**
 * An adapter port whose answers pass the {@link AnswerCheck} inside the attempt: the one place an answer is
 * checked, so that what wraps the port (an attempt's telemetry span) and the chain see an empty or undecodable
 * answer as the same failure.
 */
final class CheckedPort implements ModelPort {

    private final ModelPort delegate;
    private final AnswerCheck answers = new AnswerCheck();

    CheckedPort(ModelPort delegate) {
        this.delegate = delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallContext context) {
        return answers.check(request, delegate.chat(request, context));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
