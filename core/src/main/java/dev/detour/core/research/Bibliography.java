package dev.detour.core.research;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.internal.Citations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report-wide numbering of cited evidence: each finding cites its own evidence from {@code [1]}, and
 * here every piece of evidence some finding cites gets one number for the whole report, in order of first
 * citation, the same evidence (by {@link EvidenceKeys}) keeping one number in every finding. Evidence no
 * finding cites gets none, so every reference is cited.
 */
final class Bibliography {

    private final List<Reference> references = new ArrayList<>();
    private final Map<String, Integer> numberByKey = new HashMap<>();
    private final List<Map<Integer, Integer>> globalByLocal = new ArrayList<>();

    private Bibliography(List<Finding> findings) {
        for (Finding finding : findings) {
            Map<Integer, Integer> numbers = new HashMap<>();
            for (int local : finding.citedNumbers()) {
                numbers.put(local, numberOf(finding.evidence().get(local - 1)));
            }
            globalByLocal.add(numbers);
        }
    }

    static Bibliography of(List<Finding> findings) {
        return new Bibliography(findings);
    }

    /** The cited evidence, numbered from 1. */
    List<Reference> references() {
        return List.copyOf(references);
    }

    /**
     * The answer of finding {@code index} with report-wide numbers: for a finding of a grounded run, a
     * citation of nothing it was given is dropped; a run that was not grounded keeps its answers as written.
     */
    String answer(List<Finding> findings, int index) {
        Finding finding = findings.get(index);
        if (!finding.isGroundingOn()) {
            return finding.answer();
        }
        Map<Integer, Integer> numbers = globalByLocal.get(index);
        return Citations.rewrite(finding.answer(), local -> Optional.ofNullable(numbers.get(local)));
    }

    /** {@code text} (written by a model that saw report-wide numbers) without citations of no reference. */
    String keepingKnownCitations(String text) {
        return Citations.rewrite(text, number -> number >= 1 && number <= references.size()
                ? Optional.of(number) : Optional.empty());
    }

    private int numberOf(EvidenceRecord evidence) {
        Set<String> keys = EvidenceKeys.of(evidence);
        for (String key : keys) {
            Integer known = numberByKey.get(key);
            if (known != null) {
                keys.forEach(other -> numberByKey.putIfAbsent(other, known));
                return known;
            }
        }
        int number = references.size() + 1;
        references.add(new Reference(number, evidence));
        keys.forEach(key -> numberByKey.put(key, number));
        return number;
    }
}
