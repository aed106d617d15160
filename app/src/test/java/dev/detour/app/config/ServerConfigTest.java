package dev.detour.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code server} section: its defaults, its values, and a problem line for each wrong one. */
class ServerConfigTest {

    @TempDir
    Path workingDirectory;

    @Test
    void takesTheDefaultsWithoutAServerSection() {
        ServerConfig server = new ConfigFixture(workingDirectory).load("workflow: { max-iterations: 2 }\n").server();

        assertThat(server).isEqualTo(ServerConfig.defaults());
        assertThat(server.maxConcurrentRuns()).isEqualTo(8);
        assertThat(server.corsOrigins()).isEmpty();
    }

    @Test
    void readsTheRunLimitTheCorsOriginsAndTheShutdownGrace() {
        ServerConfig server = new ConfigFixture(workingDirectory).load("""
                server:
                  max-concurrent-runs: 64
                  cors-origins: [https://research.example.org, "http://localhost:5173"]
                  shutdown-grace: 20s
                """).server();

        assertThat(server).isEqualTo(new ServerConfig(64, List.of("https://research.example.org", "http://localhost:5173"),
                Duration.ofSeconds(20)));
    }

    @Test
    void namesEachWrongValueByItsKeyPath() {
        List<String> problems = new ConfigFixture(workingDirectory).problems("""
                server:
                  max-concurrent-runs: 0
                  cors-origins: [https://research.example.org/app, "*"]
                  shutdown-grace: soon
                  port: 9000
                """);

        assertThat(problems).hasSize(5);
        assertThat(problems).anySatisfy(line -> assertThat(line).startsWith("server.max-concurrent-runs: "));
        assertThat(problems).anySatisfy(line -> assertThat(line).startsWith("server.cors-origins[0]: ")
                .contains("not an origin"));
        assertThat(problems).anySatisfy(line -> assertThat(line).startsWith("server.cors-origins[1]: "));
        assertThat(problems).anySatisfy(line -> assertThat(line).startsWith("server.shutdown-grace: "));
        assertThat(problems).contains(
                "server.port: unknown key; allowed keys: max-concurrent-runs, cors-origins, shutdown-grace");
        assertThat(new ConfigFixture(workingDirectory).problems("server: { cors-origins: https://a.example }\n"))
                .containsExactly("server.cors-origins: expected a list of origins, found text \"https://a.example\""
                        + " (use an origin such as https://research.example.org, with no path)");
    }
}
