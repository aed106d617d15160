package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.detour.app.cli.ServeFixtures;
import dev.detour.app.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the server, how much they may send, what the browser is allowed, and that no key ever shows. */
class AccessTest {

    private static final String TOKEN = "a-long-random-server-token-for-tests";

    @TempDir
    Path directory;

    @Test
    void refusesToBindBeyondLoopbackWithoutAToken() {
        assertThatThrownBy(() -> ServerSettings.of("0.0.0.0", 8080, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DETOUR_SERVER_TOKEN");
        assertThat(ServerSettings.of("127.0.0.1", 0, Optional.empty()).host()).isEqualTo("127.0.0.1");
        assertThat(ServerSettings.of("localhost", 0, Optional.empty()).host()).isEqualTo("localhost");
        assertThat(ServerSettings.of("::1", 0, Optional.empty()).host()).isEqualTo("::1");
    }

    @Test
    void theCommandExitsWithAUsageErrorWhenAskedToBindBeyondLoopbackWithoutAToken() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ServeFixtures.detour(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), directory, "serve", "--demo", "--host", "0.0.0.0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("detour serve: binding 0.0.0.0").contains("DETOUR_SERVER_TOKEN");
    }

    @Test
    void withATokenEveryApiCallMustCarryItAsABearer() {
        try (ServerRig rig = ServerRig.start(options -> options.token(TOKEN))) {
            RunsApiTest.assertError(rig.get("/v1/runs"), 401, "unauthorized", null);
            RunsApiTest.assertError(rig.get("/v1/runs", "Authorization", "Bearer wrong"), 401, "unauthorized", null);
            RunsApiTest.assertError(rig.get("/v1/runs", "Authorization", TOKEN), 401, "unauthorized", null);
            RunsApiTest.assertError(rig.get("/v1/runs", "Authorization", "Bearer    "), 401, "unauthorized", null);
            RunsApiTest.assertError(rig.get("/v1/runs", "Authorization", "Bearer " + TOKEN + "x"), 401, "unauthorized", null);
            RunsApiTest.assertError(rig.post("/v1/runs", "{\"question\": \"q\"}"), 401, "unauthorized", null);
            RunsApiTest.assertError(rig.get("/v1/runs/any/events"), 401, "unauthorized", null);

            assertThat(rig.get("/v1/runs", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(rig.get("/v1/models", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(rig.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(rig.get("/").statusCode()).isEqualTo(200);
            assertThat(rig.get("/v1/runs").body()).doesNotContain(TOKEN);
        }
    }

    @Test
    void refusesABodyOver64KiBWhetherItsLengthIsDeclaredOrNot() {
        String big = "{\"question\": \"" + "x".repeat(64 * 1024) + "\"}";
        try (ServerRig rig = ServerRig.start()) {
            RunsApiTest.assertError(rig.post("/v1/runs", big), 413, "payload_too_large", null);
            HttpRequest chunked = rig.request("/v1/runs").POST(HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build();
            RunsApiTest.assertError(rig.send(chunked), 413, "payload_too_large", null);
            String justFits = "{\"question\": \"" + "x".repeat(3000) + "\", \"sources\": []" + " ".repeat(64 * 1024 - 3040) + "}";
            assertThat(justFits.length()).isLessThanOrEqualTo(64 * 1024);
            assertThat(rig.post("/v1/runs", justFits).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void corsIsOffUnlessOriginsAreConfigured() {
        try (ServerRig rig = ServerRig.start()) {
            HttpResponse<String> response = rig.get("/v1/runs", "Origin", "https://elsewhere.example");

            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        ServerConfig cors = new ServerConfig(8, List.of("https://research.example.org"), Duration.ofMillis(100));
        try (ServerRig rig = ServerRig.start(options -> options.server(cors))) {
            assertThat(rig.get("/v1/runs", "Origin", "https://research.example.org").headers()
                    .firstValue("Access-Control-Allow-Origin")).contains("https://research.example.org");
            assertThat(rig.get("/v1/runs", "Origin", "https://elsewhere.example").headers()
                    .firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void everyReplyForbidsScriptsFromElsewhereSniffingAndFraming() {
        try (ServerRig rig = ServerRig.start()) {
            for (String path : List.of("/", "/app.js", "/v1/runs", "/health/live", "/v1/nothing")) {
                HttpResponse<String> response = rig.get(path);
                assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                        .contains(Access.CONTENT_SECURITY_POLICY);
                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
                assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            }
            assertThat(Access.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline")
                    .doesNotContain("http");
        }
    }

    @Test
    void noReplyOrEventEverCarriesAProviderKey() {
        try (ServerRig rig = ServerRig.start()) {
            String id = rig.startRun("Why do tides happen twice a day?");
            StringBuilder everything = new StringBuilder();
            rig.allEvents(id).forEach(event -> everything.append(event.data()));
            rig.awaitStatus(id, "completed");
            for (String path : List.of("/v1/runs", "/v1/runs/" + id, "/v1/models", "/v1/doctor", "/health/ready",
                    "/v1/openapi.json", "/")) {
                everything.append(rig.get(path).body());
            }

            assertThat(rig.simulator.requests()).isNotEmpty();
            assertThat(everything.toString()).contains("HF_TOKEN (set)").doesNotContain(ServerRig.HF_KEY)
                    .doesNotContain(ServerRig.HF_KEY.substring(4));
        }
    }
}
