package dev.detour.adapters.huggingface;

import dev.detour.transport.HttpHead;
import java.util.Optional;

/**
 * What a response says about itself besides its body: who served it ({@code x-inference-provider}, else
 * the pinned provider), the router's request id ({@code x-request-id}) and a provider's
 * {@code x-should-retry} instruction.
 */
record ResponseMeta(Optional<String> inferenceProvider, Optional<String> requestId, Optional<Boolean> shouldRetry) {

    /** The metadata of {@code head}, or, when there was no response at all, only the pinned provider. */
    static ResponseMeta of(HttpHead head, HfModelId model) {
        if (head == null) {
            return new ResponseMeta(model.pinnedProvider(), Optional.empty(), Optional.empty());
        }
        return new ResponseMeta(model.servedBy(head.header("x-inference-provider")), head.requestId(),
                head.shouldRetry());
    }
}
