package dev.detour.engine.temporal;

import dev.detour.core.model.ChatResponse;
import java.util.List;

/**
 * What a model-call activity returns when a model answered.
 *
 * @param response the answer, with every attempt of the call
 * @param notices what the chain announced while making it, in order
 */
public record CallOutcome(ChatResponse response, List<CallNotice> notices) {}
