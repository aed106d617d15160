package dev.detour.simulator;

/**
 * One evidence source's endpoints: reads a request and answers what the real service would when nothing
 * goes wrong, or refuses it at once as the real service does (an unknown parameter, a missing key).
 */
sealed interface SourceService permits PubMedService, EuropePmcService, ClinicalTrialsService, OpenAlexService {

    Outcome answer(SourceRequest request);

    /** A request's normal answer, which the scenario may replace by a behaviour, or a refusal it may not. */
    sealed interface Outcome permits EvidenceAnswer, Refusal {}

    /** The service's own answer to a request it cannot serve, sent whatever the scenario says. */
    record Refusal(int status, String contentType, String body) implements Outcome {}
}
