package dev.detour.engine.temporal;

import java.util.List;

/**
 * The details of a model-call activity that ended without an answer: what the chain announced, and the
 * failure to throw in the step, attempt ledger included.
 *
 * @param notices what the chain announced while making the call, in order
 * @param failure what the chain threw
 */
public record CallFailure(List<CallNotice> notices, FailureFacts failure) {}
