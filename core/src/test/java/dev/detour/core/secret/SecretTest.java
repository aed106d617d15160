package dev.detour.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    private static final String TOKEN = "hf_FakeConfigKey012345678989";

    @Test
    void neverPrintsItsValue() {
        Secret secret = Secret.of(TOKEN);

        assertThat(secret.toString()).doesNotContain(TOKEN).isEqualTo("Secret[****]");
        assertThat(String.valueOf(java.util.List.of(secret))).doesNotContain(TOKEN);
        assertThat(secret.reveal()).isEqualTo(TOKEN);
    }

    @Test
    void refusesABlankValue() {
        assertThatThrownBy(() -> Secret.of("  ")).hasMessage("a secret must not be blank");
    }

    @Test
    void redactsTokensBearerCredentialsAndKeyAssignments() {
        String text = "auth Bearer sk-proj-abcdefghijklmnop failed for " + TOKEN + " with api_key=abcdef0123456789xyz";

        String redacted = Redaction.redact(text);

        assertThat(redacted).doesNotContain("sk-proj-abcdefghijklmnop", TOKEN, "abcdef0123456789xyz")
                .isEqualTo("auth Bearer [redacted] failed for [redacted] with api_key=[redacted]");
    }

    @Test
    void leavesOrdinaryProviderMessagesAlone() {
        String message = "Model Qwen/Qwen2.5-72B-Instruct is currently loading; the token limit is 4096 tokens";

        assertThat(Redaction.redact(message)).isEqualTo(message);
    }
}
