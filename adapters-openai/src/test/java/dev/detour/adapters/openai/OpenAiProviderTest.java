package dev.detour.adapters.openai;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ModelPort;
import org.junit.jupiter.api.Test;

/** A provider hands out ports per model and stops them when it is closed. */
class OpenAiProviderTest {

    @Test
    void refusesCallsOnceClosedSayingWhatToDo() {
        OpenAiProvider provider = OpenAiProvider.create(OpenAiSettings.builder().baseUrl("http://localhost:1/v1").build());
        ModelPort port = provider.model("gpt-4o-mini");

        provider.close();

        assertThatIllegalStateException().isThrownBy(() -> port.chat(ChatRequest.of(ChatMessage.user("hi"))))
                .withMessageContaining("is closed")
                .withMessageContaining("create a new OpenAiProvider");
    }

    @Test
    void refusesABlankModelId() {
        try (OpenAiProvider provider = OpenAiProvider.create(OpenAiSettings.builder().build())) {
            assertThatIllegalArgumentException().isThrownBy(() -> provider.model(" "))
                    .withMessageContaining("modelId");
        }
    }
}
