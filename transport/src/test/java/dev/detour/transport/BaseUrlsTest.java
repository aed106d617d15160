package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.core.spi.AdapterSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseUrlsTest {

    private static final URI EXAMPLE = URI.create("https://api.example.org/v1");

    @Test
    void acceptsHttpsAndPlainHttpToLoopback() {
        assertThat(BaseUrls.checked(AdapterSettings.of("s", EXAMPLE), EXAMPLE)).isEqualTo(EXAMPLE);
        assertThat(BaseUrls.checked(AdapterSettings.of("s", URI.create("http://127.0.0.1:8080/api")), EXAMPLE))
                .isEqualTo(URI.create("http://127.0.0.1:8080/api"));
    }

    @Test
    void refusesPlainHttpToAnotherHostUnlessTheEntryAllowsIt() {
        URI lan = URI.create("http://search.lan/api");

        assertThatThrownBy(() -> BaseUrls.checked(AdapterSettings.of("s", lan), EXAMPLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http to search.lan");
        assertThat(BaseUrls.checked(new AdapterSettings("s", lan, true, Map.of()), EXAMPLE)).isEqualTo(lan);
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> BaseUrls.checked(AdapterSettings.of("s", URI.create("ftp://example.org/")), EXAMPLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("such as " + EXAMPLE);
    }
}
