package dev.detour.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinishReasonTest {

    @ParameterizedTest
    @CsvSource({"stop,STOP", "eos_token,STOP", "length,LENGTH", "content_filter,CONTENT_FILTER",
            "tool_calls,TOOL_CALLS", "something_new,OTHER"})
    void classifiesProviderWordsKeepingTheRawValue(String raw, FinishReason.Kind kind) {
        FinishReason reason = FinishReason.of(raw);

        assertThat(reason.kind()).isEqualTo(kind);
        assertThat(reason.raw()).isEqualTo(raw);
    }
}
