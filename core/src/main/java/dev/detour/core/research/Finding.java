package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.internal.Citations;
import dev.detour.core.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * What the investigation of one sub-question found, or why it found nothing, and, when the run was
 * grounded, the evidence it was answered from and what each source gave.
 *
 * @param question the sub-question
 * @param answer the answer, citing its evidence as {@code [n]} (item {@code n - 1} of {@code evidence}); empty
 *     when unanswered
 * @param servedBy the model (and inference provider) that answered, such as
 *     {@code hf:Qwen/Qwen2.5-7B-Instruct via hf-inference}
 * @param unansweredReason why there is no answer, such as every model failing or the budget running out
 * @param evidence the evidence the answer was given, numbered from 1 in this order; empty when it was answered
 *     from the model alone
 * @param sources what each evidence source gave this sub-question; empty when the run was not grounded
 */
public record Finding(
        String question,
        String answer,
        Optional<String> servedBy,
        Optional<String> unansweredReason,
        List<EvidenceRecord> evidence,
        List<SourceResult> sources) {

    public Finding {
        Require.nonBlank(question, "question");
        Require.nonNull(answer, "answer");
        Require.nonNull(servedBy, "servedBy");
        Require.nonNull(unansweredReason, "unansweredReason");
        if (unansweredReason.isPresent() == !answer.isBlank()) {
            throw new IllegalArgumentException(
                    "a finding has either an answer or a reason it has none, was answer \"" + answer + "\" and "
                            + unansweredReason);
        }
        evidence = List.copyOf(Require.nonNull(evidence, "evidence"));
        sources = List.copyOf(Require.nonNull(sources, "sources"));
    }

    /** A finding of a run that was not grounded. */
    public Finding(String question, String answer, Optional<String> servedBy, Optional<String> unansweredReason) {
        this(question, answer, servedBy, unansweredReason, List.of(), List.of());
    }

    static Finding answered(String question, String answer, String servedBy) {
        return new Finding(question, answer, Optional.of(servedBy), Optional.empty());
    }

    static Finding unanswered(String question, String reason) {
        return new Finding(question, "", Optional.empty(), Optional.of(reason));
    }

    /** This finding with what its search gathered. */
    Finding gathered(GatheredEvidence gathered) {
        return new Finding(question, answer, servedBy, unansweredReason, gathered.evidence(), gathered.sources());
    }

    /** Whether the sub-question got an answer. */
    public boolean isAnswered() {
        return unansweredReason.isEmpty();
    }

    /** Whether its run searched evidence sources for it. */
    public boolean isGroundingOn() {
        return !sources.isEmpty();
    }

    /** Whether it was answered from evidence. */
    public boolean isGrounded() {
        return isAnswered() && !evidence.isEmpty();
    }

    /**
     * Why an answered finding of a grounded run was answered from the model alone: every source failed, or
     * none had evidence; empty when it was grounded, unanswered, or its run was not grounded.
     */
    public Optional<String> notGroundedReason() {
        if (!isGroundingOn() || !isAnswered() || !evidence.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sources.stream().noneMatch(SourceResult::answered)
                ? "every evidence source failed"
                : "no evidence source had records for it");
    }

    /** Whether it was answered from evidence but cites none of it. */
    public boolean isUncited() {
        return isGrounded() && citedNumbers().isEmpty();
    }

    /** The numbers of its evidence the answer cites, in order of first citation. */
    public List<Integer> citedNumbers() {
        return Citations.numbers(answer).stream().filter(number -> number >= 1 && number <= evidence.size()).toList();
    }
}
