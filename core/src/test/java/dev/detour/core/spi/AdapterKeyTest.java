package dev.detour.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.secret.Secret;
import org.junit.jupiter.api.Test;

class AdapterKeyTest {

    private static final String KEY = "hf_AdapterKeyTestToken0123456789";

    @Test
    void saysWhereTheKeyComesFromButNeverShowsIt() {
        assertThat(AdapterKey.of("HF_TOKEN", Secret.of(KEY))).hasToString("AdapterKey[from HF_TOKEN]");
        assertThat(AdapterKey.unset("HF_TOKEN")).hasToString("AdapterKey[HF_TOKEN unset]");
        assertThat(AdapterKey.none()).hasToString("AdapterKey[none]");
        assertThat(AdapterKey.of("HF_TOKEN", Secret.of(KEY)).secret()).contains(Secret.of(KEY));
    }
}
