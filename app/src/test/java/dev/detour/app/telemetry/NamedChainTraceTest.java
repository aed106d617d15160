package dev.detour.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.app.resilience.Chains;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chain a run names for itself (a server request's {@code chain}, a Temporal worker's named chain) is traced
 * like the configured one: a chain span and a CLIENT span per attempt.
 */
class NamedChainTraceTest {

    @Test
    void aChainBuiltForOneRunHasItsChainSpanAndAClientSpanPerAttempt() {
        try (TelemetryRig rig = TelemetryRig.start(Scenario.builtIn("hf-outage"))) {
            rig.get(Chains.class).of(List.of(TelemetryRig.GPT)).chat(ChatRequest.of(ChatMessage.user("Why is the sky blue?")));

            List<SpanData> spans = rig.finishedSpans();
            SpanData chain = spans.stream().filter(span -> span.getName().equals("detour.chain")).findFirst().orElseThrow();
            assertThat(chain.getAttributes().get(AttributeKey.stringKey("detour.served_by"))).isEqualTo("openai:gpt-4o-mini");
            assertThat(spans).filteredOn(span -> span.getParentSpanId().equals(chain.getSpanId()))
                    .singleElement().satisfies(attempt -> {
                        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
                        assertThat(attempt.getName()).isEqualTo("chat gpt-4o-mini");
                    });
        }
    }
}
