package dev.detour.core.model;

/**
 * The one way Detour calls a chat model.
 *
 * <p>An adapter implements it for one model at one provider; the resilience chain implements it over
 * an ordered list of those, so a workflow does not know (or care) which model answers. Every failure is
 * thrown as a {@link ModelCallException} of the right kind, or, from a chain, as
 * {@link AllModelsFailedError}; an implementation must never throw anything else for a provider's
 * misbehaviour. Interrupting the calling thread cancels the call.
 */
@FunctionalInterface
public interface ModelPort {

    /**
     * Asks for an answer to {@code request}.
     *
     * @throws ModelCallException when the model could not answer, with the kind that says what to do next
     * @throws AllModelsFailedError when this port is a chain and none of its models answered
     */
    ChatResponse chat(ChatRequest request, CallContext context);

    /** Asks for an answer with no listeners and no deadline. */
    default ChatResponse chat(ChatRequest request) {
        return chat(request, CallContext.none());
    }
}
