package dev.detour.app.testing;

import dev.detour.simulator.ProviderSimulator;

/**
 * A configuration file's text for grounded research against a {@link ProviderSimulator}: its Hugging Face
 * surface as provider {@code hf} with the demo's two Qwen models as the chain, and its PubMed, Europe PMC and
 * ClinicalTrials.gov surfaces as the sources searched, with backoffs short enough for tests.
 */
public final class SimulatedSources {

    private SimulatedSources() {}

    public static String config(ProviderSimulator simulator) {
        return """
                providers:
                  hf: { type: huggingface, base-url: %s }
                chain: [ "hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-7B-Instruct" ]
                sources:
                  pubmed: { type: pubmed, base-url: %s, email: tests@example.org }
                  europepmc: { type: europepmc, base-url: %s }
                  clinicaltrials: { type: clinicaltrials, base-url: %s }
                evidence: { use: [pubmed, europepmc, clinicaltrials], results-per-source: 4, max-evidence-per-question: 6 }
                resilience: { max-retries: 2, backoff: { initial: 10ms, max: 20ms, jitter: 0 } }
                workflow: { max-iterations: 1, parallelism: 4 }
                store: none
                """.formatted(simulator.huggingFaceBaseUrl(), simulator.pubMedBaseUrl(), simulator.europePmcBaseUrl(),
                simulator.clinicalTrialsBaseUrl());
    }
}
