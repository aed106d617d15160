package dev.detour.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1",
            "[0000:0000:0000:0000:0000:0000:0000:0001]"})
    void recognisesLoopbackNamesAndLiterals(String host) {
        assertThat(LoopbackHosts.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.256", "128.0.0.1", "10.0.0.5", "192.168.1.2", "gpu-box.lan", "localhost.evil.com",
            "api.localhost", "::2", "[::]", "0:0:0:0:0:0:1:1", "example.com"})
    void refusesEverythingElse(String host) {
        assertThat(LoopbackHosts.isLoopback(host)).isFalse();
    }
}
