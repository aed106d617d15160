package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.engine.temporal.TemporalTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code temporal} section: where {@code detour worker} and {@code --engine temporal} find Temporal. */
class TemporalConfigTest {

    @TempDir
    Path workingDirectory;

    @Test
    void withoutTheSectionRunsGoToALocalDevServer() {
        DetourConfig config = new ConfigFixture(workingDirectory).load("chain: [hf:Qwen/Qwen2.5-7B-Instruct]\n");

        assertThat(config.temporal()).isEqualTo(new TemporalTarget("127.0.0.1:7233", "default", "detour"));
    }

    @Test
    void readsTheTargetNamespaceAndTaskQueueAndDefaultsWhatIsLeftOut() {
        DetourConfig config = new ConfigFixture(workingDirectory).load("""
                chain: [hf:Qwen/Qwen2.5-7B-Instruct]
                temporal: { target: temporal.internal:7233, task-queue: research }
                """);

        assertThat(config.temporal()).isEqualTo(new TemporalTarget("temporal.internal:7233", "default", "research"));
    }

    @Test
    void refusesATargetThatIsNotHostAndPortAndAnUnknownKey() {
        assertThat(new ConfigFixture(workingDirectory).problems("""
                temporal: { target: "http://localhost", namespace: "", queue: detour }
                """)).containsExactlyInAnyOrder(
                "temporal.target: \"http://localhost\" is not host:port (the Temporal frontend, such as 127.0.0.1:7233)",
                "temporal.namespace: is empty (a Temporal namespace, such as default)",
                "temporal.queue: unknown key; allowed keys: target, namespace, task-queue");
    }
}
