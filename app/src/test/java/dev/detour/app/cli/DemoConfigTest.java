package dev.detour.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.config.DetourConfig;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The demo's configuration: its PubMed is the simulator, so NCBI's request limit (3 a second without a key,
 * shared by every run), which would hold {@code serve --demo}'s runs back until their call deadline, is not its limit.
 */
class DemoConfigTest {

    @Test
    void theSimulatorsPubMedIsNotHeldToNcbisRequestLimit() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.builtIn("hf-outage"))) {
            DetourConfig config = DemoCommand.config(simulator, Scenario.builtIn("hf-outage"));

            assertThat(config.sources().get("pubmed").options())
                    .containsEntry("requests-per-second", String.valueOf(DemoCommand.SIMULATED_PUBMED_REQUESTS_PER_SECOND));
        }
    }
}
