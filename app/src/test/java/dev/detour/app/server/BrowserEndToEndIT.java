package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser: {@code detour serve --demo} in a child JVM from the built jar, and
 * {@code src/test/browser/e2e.mjs} driving the system Chromium through playwright-core. Runs in
 * {@code verify} (failsafe); skipped, saying why, where Chromium, node or playwright-core is missing
 * ({@code .ci/run} installs them). The child is stopped with SIGTERM, so its graceful stop is exercised too.
 */
class BrowserEndToEndIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

    @Test
    void aPersonSeesTheFallbackLiveThenTheReportAndNoEventTwiceAfterAReload() throws Exception {
        Path browserDir = Path.of(System.getProperty("detour.browser.dir", "src/test/browser"));
        Path jar = Path.of(System.getProperty("detour.jar", "target/detour.jar"));
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no Chromium at " + CHROMIUM + " (apt-get install -y chromium)");
        assumeTrue(onPath("node"), "skipped: node is not on PATH (apt-get install -y nodejs)");
        int node = nodeMajorVersion();
        assumeTrue(node >= 20, "skipped: playwright-core needs node 20 or newer, this is node " + node);
        assumeTrue(Files.isDirectory(browserDir.resolve("node_modules/playwright-core")),
                "skipped: playwright-core is not installed (npm ci --prefix " + browserDir + ")");
        assertThat(jar).as("the CLI jar, built in package").exists();
        Path shots = Path.of(System.getProperty("detour.screenshots", "target/screenshots"));
        Files.createDirectories(shots);

        Path prices = Files.createTempFile("detour-browser-prices", ".yaml");
        Files.writeString(prices, """
                pricing:
                  "hf:Qwen/Qwen2.5-72B-Instruct": { input-per-million: 0.90, output-per-million: 0.90 }
                  "hf:Qwen/Qwen2.5-7B-Instruct": { input-per-million: 0.15, output-per-million: 0.60 }
                """);
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--demo", "--port", "0", "--config", prices.toString())
                .redirectErrorStream(true).start();
        List<String> serverOutput = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> readLines(server, serverOutput, url));
        try {
            String address = url.get(60, TimeUnit.SECONDS);
            Process browser = new ProcessBuilder("node", "e2e.mjs", address, shots.toAbsolutePath().toString())
                    .directory(browserDir.toFile()).redirectErrorStream(true).start();
            String browserOutput = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(browser.waitFor(5, TimeUnit.MINUTES)).as("the browser test ended").isTrue();
            assertThat(browser.exitValue()).as(browserOutput).isZero();
            assertThat(browserOutput).contains("browser end-to-end: 1 passed, 0 failed");
        } finally {
            server.toHandle().destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stopped on SIGTERM").isTrue();
            reader.join(10_000);
            Files.deleteIfExists(prices);
        }
        assertThat(String.join("\n", serverOutput)).contains("detour serve: stopped");
    }

    private static void readLines(Process process, List<String> lines, CompletableFuture<String> url) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    url.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("detour serve ended without listening: " + lines));
    }

    private static int nodeMajorVersion() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        node.waitFor(30, TimeUnit.SECONDS);
        Matcher major = Pattern.compile("^v(\\d+)").matcher(version);
        return major.find() ? Integer.parseInt(major.group(1)) : 0;
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
