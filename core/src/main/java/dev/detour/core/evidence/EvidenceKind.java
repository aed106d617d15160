package dev.detour.core.evidence;

/** What kind of publication or registry entry a piece of evidence is. */
public enum EvidenceKind {
    /** A peer-reviewed article. */
    ARTICLE,
    /** A preprint: not peer reviewed. */
    PREPRINT,
    /** A review or meta-analysis of other studies. */
    REVIEW,
    /** A registered clinical trial. */
    TRIAL
}
