package dev.detour.simulator;

import static dev.detour.simulator.SimulatorClient.chat;
import static dev.detour.simulator.SimulatorClient.events;
import static dev.detour.simulator.SimulatorClient.json;
import static dev.detour.simulator.SimulatorClient.openAi;
import static dev.detour.simulator.SimulatorClient.router;
import static dev.detour.simulator.SimulatorClient.streamingChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioYamlTest {

    private static Scenario parse(String yaml) {
        return ScenarioYaml.parse(yaml, "test", "scenario test.yaml", Optional.empty());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ScenarioYamlTest.class.getResource("/simulator/" + name).toURI());
    }

    @Test
    void loadsAFileWithEveryKindOfBehaviourNamedAfterTheFile() throws Exception {
        Scenario scenario = Scenario.load(resource("every-kind.yaml"));

        assertThat(scenario.name()).isEqualTo("every-kind");
        assertThat(scenario.description()).isEqualTo("every behaviour kind once");
        assertThat(scenario.seed()).isEqualTo(99);
        assertThat(scenario.sufficient()).isFalse();
        assertThat(scenario.rules()).hasSize(18);
    }

    @Test
    void servesEveryKindOfBehaviourTheFileScripts() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.load(resource("every-kind.yaml")))) {
            assertThat(openAi(simulator, chat("ok", "hi")).statusCode()).isEqualTo(200);
            assertThat(json(openAi(simulator, chat("finish", "hi")).body()).path("choices").path(0).path("finish_reason").asText())
                    .isEqualTo("length");

            HttpResponse<String> limited = openAi(simulator, chat("status", "hi"));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
            assertThat(limited.headers().firstValue("x-should-retry")).hasValue("true");
            assertThat(json(limited.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");

            assertThat(openAi(simulator, chat("own-body", "hi")).body()).isEqualTo("{\"error\":\"my own 503\"}");
            HttpResponse<String> inline = openAi(simulator, chat("inline", "hi"));
            assertThat(inline.body()).isEqualTo("{\"detail\":\"bad\"}");
            assertThat(inline.headers().firstValue("content-type")).hasValue("application/problem+json");

            HttpResponse<String> fromMap = openAi(simulator, chat("map-body", "hi"));
            assertThat(json(fromMap.body()).path("error").path("message").asText()).isEqualTo("from a map");
            assertThat(fromMap.headers().firstValue("content-type")).hasValue("application/json");

            assertThat(router(simulator, chat("gateway/html", "hi")).statusCode()).isEqualTo(502);
            assertThat(router(simulator, chat("gateway/html504", "hi")).body()).contains("504 Gateway Timeout");
            assertThat(openAi(simulator, chat("malformed", "hi")).body()).doesNotEndWith("}");
            assertThat(RawHttp.post(SimulatorClient.chatUrl(simulator.openAiBaseUrl()), chat("disconnect", "hi")).body()).hasSize(5);
            assertThat(RawHttp.post(SimulatorClient.chatUrl(simulator.openAiBaseUrl()), chat("hangup", "hi")).head()).isEmpty();
            assertThat(RawHttp.post(SimulatorClient.chatUrl(simulator.openAiBaseUrl()), chat("drip", "hi")).chunkSizes())
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(50));
            assertThat(events(openAi(simulator, streamingChat("cut", "hi", true)).body())).hasSize(1);
            assertThat(events(openAi(simulator, streamingChat("stream-error", "hi", true)).body()).getLast())
                    .isEqualTo("data: " + Payloads.read("hf-router-error-422-validation.json"));
            assertThat(openAi(simulator, chat("oversized", "hi")).body()).hasSize(2048);
            assertThat(openAi(simulator, chat("slow", "hi")).statusCode()).isEqualTo(200);

            HttpResponse<String> novita = router(simulator, chat("Qwen/Qwen2.5-72B-Instruct:novita", "hi"));
            assertThat(novita.statusCode()).isEqualTo(500);
            assertThat(router(simulator, chat("Qwen/Qwen2.5-72B-Instruct", "hi")).headers().firstValue("x-inference-provider"))
                    .hasValue("together");
        }
    }

    @Test
    void readsAnEmptyFileAsAScenarioWhereEveryModelAnswersNormally(@TempDir Path folder) throws Exception {
        Path empty = Files.writeString(folder.resolve("quiet.yml"), "# nothing scripted\n");

        Scenario scenario = Scenario.load(empty);

        assertThat(scenario.name()).isEqualTo("quiet");
        assertThat(scenario.rules()).isEmpty();
        assertThat(scenario.sufficient()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        status below 200 | `models: {'hf:Qwen/Qwen2.5-72B-Instruct': {behaviours: [ok, ok, {status: 99}]}}` | `scenario test.yaml: models."hf:Qwen/Qwen2.5-72B-Instruct".behaviours[2].status: 99 is not an HTTP status; use one from 200 to 599`
        status as text | `models: {'openai:m': {behaviours: [{status: '500'}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].status: "500" is not a whole number`
        unknown kind | `models: {'openai:m': {behaviours: [{kind: explode}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].kind: "explode" is not a kind of behaviour; kinds: ok, status, html, malformed, disconnect, drip, stream-cut, stream-error, oversized`
        unknown shorthand | `models: {'openai:m': {behaviours: [explode]}}` | `scenario test.yaml: models."openai:m".behaviours[0]: "explode" is not a kind of behaviour; kinds: ok, status, html, malformed, disconnect, drip, stream-cut, stream-error, oversized`
        shorthand that needs fields | `models: {'openai:m': {behaviours: [status]}}` | `scenario test.yaml: models."openai:m".behaviours[0]: kind status needs more than its name; write it as a map, such as {status: 500, body-file: hf-router-error-500-representative.json}`
        field of another kind | `models: {'openai:m': {behaviours: [{kind: ok, after-events: 2}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].after-events: unknown field for kind ok; known fields: finish-reason, headers, kind, latency`
        unknown top-level field | `model: {}` | `scenario test.yaml: model: unknown field at the top of a scenario; known fields: description, models, seed, sources, sufficient`
        bad model key | `models: {'gpt-4o-mini': {behaviours: [ok]}}` | `scenario test.yaml: models."gpt-4o-mini": a model key starts with "hf:" or "openai:", as in "hf:Qwen/Qwen2.5-72B-Instruct", "hf:Qwen/Qwen2.5-72B-Instruct:novita", "openai:gpt-4o-mini" or "hf:*"`
        empty route | `models: {'hf:Qwen/X:': {behaviours: [ok]}}` | `scenario test.yaml: models."hf:Qwen/X:": the route after the last ':' is empty`
        both plans | `models: {'openai:m': {behaviours: [ok], mix: [{weight: 1}]}}` | `scenario test.yaml: models."openai:m": give either behaviours (a sequence) or mix (weighted entries), not both`
        no plan | `models: {'hf:a/b': {served-by: x}}` | `scenario test.yaml: models."hf:a/b": give either behaviours (a sequence) or mix (weighted entries), neither is there`
        empty sequence | `models: {'openai:m': {behaviours: []}}` | `scenario test.yaml: models."openai:m".behaviours: must be a non-empty list; found an empty list`
        served-by on openai | `models: {'openai:m': {served-by: novita, behaviours: [ok]}}` | `scenario test.yaml: models."openai:m".served-by: served-by applies to Hugging Face models (hf:…) only, not to openai:m`
        served-by policy | `models: {'hf:a/b': {served-by: fastest, behaviours: [ok]}}` | `scenario test.yaml: models."hf:a/b".served-by: "fastest" is a routing policy, not a provider; name the provider that serves, such as novita or hf-inference`
        bad then | `models: {'openai:m': {behaviours: [ok], then: loop}}` | `scenario test.yaml: models."openai:m".then: "loop" is not one of repeat-last, cycle`
        mix without weight | `models: {'openai:m': {mix: [{kind: ok}]}}` | `scenario test.yaml: models."openai:m".mix[0]: a mix entry needs a weight, such as weight: 3`
        mix with zero weight | `models: {'openai:m': {mix: [{weight: 0, kind: ok}]}}` | `scenario test.yaml: models."openai:m".mix[0].weight: 0 is not a weight; use a number above 0`
        weight outside a mix | `models: {'openai:m': {behaviours: [{weight: 2, kind: ok}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].weight: unknown field for kind ok; known fields: finish-reason, headers, kind, latency`
        duration without unit | `models: {'openai:m': {behaviours: [{kind: ok, latency: 200}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].latency: 200 is not a duration; write it like 200ms or 1.5s`
        uniform upside down | `models: {'openai:m': {behaviours: [{kind: ok, latency: {min: 2s, max: 1s}}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].latency.max: "1s" is below min; max must be at least min`
        latency of no shape | `models: {'openai:m': {behaviours: [{kind: ok, latency: {p50: 1s}}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].latency: a latency is a duration such as 200ms, {min: 100ms, max: 300ms} or {mean: 200ms, stddev: 50ms}`
        body and body-file | `models: {'openai:m': {behaviours: [{status: 500, body: x, body-file: y}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].body-file: give body or body-file, not both`
        stream-error without body | `models: {'openai:m': {behaviours: [{kind: stream-error}]}}` | `scenario test.yaml: models."openai:m".behaviours[0]: this kind needs a body or a body-file`
        framing header | `models: {'openai:m': {behaviours: [{kind: ok, headers: {Content-Length: 3}}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].headers.Content-Length: header Content-Length is set by the simulator from the behaviour; choose another behaviour (oversized, disconnect, drip) to shape the body`
        negative after-bytes | `models: {'openai:m': {behaviours: [{kind: disconnect, after-bytes: -1}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].after-bytes: -1 is out of range; use a whole number from 0`
        after-bytes and before-headers | `models: {'openai:m': {behaviours: [{kind: disconnect, after-bytes: 1, before-headers: true}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].after-bytes: after-bytes does not go with before-headers: true; keep one`
        tiny oversized | `models: {'openai:m': {behaviours: [{kind: oversized, bytes: 1KiB}]}, 'openai:n': {behaviours: [{kind: oversized, bytes: 10}]}}` | `scenario test.yaml: models."openai:n".behaviours[0].bytes: 10 is too small to be oversized; use at least 1024 bytes`
        bad size | `models: {'openai:m': {behaviours: [{kind: oversized, bytes: 16GB}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].bytes: "16GB" is not a size; write a number of bytes or a size like 512KiB or 16MiB`
        seed as text | `seed: abc` | `scenario test.yaml: seed: "abc" is not a whole number`
        sufficient as text | `sufficient: maybe` | `scenario test.yaml: sufficient: "maybe" is not true or false`
        not a map | `- ok` | `scenario test.yaml: a scenario is a map with the fields description, seed, sufficient, models and sources; found a list`
        unknown bundled payload | `models: {'openai:m': {behaviours: [{status: 500, body-file: nope.json}]}}` | `scenario test.yaml: models."openai:m".behaviours[0].body-file: "nope.json" is not a bundled payload; bundled payloads: hf-router-error-401-invalid-credentials.json, hf-router-error-402-credits-exhausted.json, hf-router-error-404-model-does-not-exist.json, hf-router-error-422-validation.json, hf-router-error-429-representative.json, hf-router-error-500-representative.json, hf-router-error-503-model-loading.json, openai-error-400-context-length-exceeded.json, openai-error-401-invalid-api-key.json, openai-error-404-model-not-found.json, openai-error-429-rate-limit-exceeded.json, openai-error-500-server-error.json, ncbi-error-429-rate-limit.json, ncbi-esummary-empty-id-list.json, clinicaltrials-error-400-unknown-parameter.txt, openalex-error-400-invalid-filter.json, openalex-error-403-api-key-required.json, anthropic-error-400-credit-balance.json, anthropic-error-429-rate-limit.json, anthropic-error-529-overloaded.json`
        """)
    void refusesAWrongValueInOneLineNamingWhereItIs(String situation, String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .as(situation)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message)
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesAModelScriptedTwice() {
        assertThatThrownBy(() -> parse("models: {'openai:m': {behaviours: [ok]}, 'openai:m': {behaviours: [ok]}}"))
                .hasMessageStartingWith("scenario test.yaml: not valid YAML at line 1")
                .hasMessageContaining("Duplicate field 'openai:m'");
    }

    @Test
    void refusesBrokenYamlInOneLineWithItsPosition() {
        assertThatThrownBy(() -> parse("models:\n  'openai:m': {behaviours: [ok\n"))
                .hasMessageStartingWith("scenario test.yaml: not valid YAML at line ")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    @Test
    void namesTheFileItCouldNotFindAndTheBuiltInsInstead(@TempDir Path folder) {
        Path missing = folder.resolve("missing.yaml");

        assertThatThrownBy(() -> Scenario.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario file " + missing + " does not exist; give a YAML file or one of the built-in scenarios:"
                        + " hf-outage, rate-limited, all-down, sources-down");
    }

    @Test
    void looksForABodyFileNextToTheScenarioBeforeTheBundledPayloads(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("openai-error-500-server-error.json"), "{\"error\":\"mine wins\"}");
        Path yaml = Files.writeString(folder.resolve("s.yaml"),
                "models: {'openai:m': {behaviours: [{status: 500, body-file: openai-error-500-server-error.json}]}}");

        try (ProviderSimulator simulator = ProviderSimulator.start(Scenario.load(yaml))) {
            assertThat(openAi(simulator, chat("m", "hi")).body()).isEqualTo("{\"error\":\"mine wins\"}");
        }
    }

    @Test
    void namesTheFileItLookedForWhenABodyFileIsNowhere(@TempDir Path folder) throws Exception {
        Path yaml = Files.writeString(folder.resolve("s.yaml"),
                "models: {'openai:m': {behaviours: [{status: 500, body-file: gone.json}]}}");

        assertThatThrownBy(() -> Scenario.load(yaml))
                .hasMessageStartingWith("scenario file " + yaml + ": models.\"openai:m\".behaviours[0].body-file: \"gone.json\""
                        + " is neither a file next to the scenario (" + folder.resolve("gone.json") + ") nor a bundled payload;");
    }

    @Test
    void reportsEveryProblemOfTheFileAtOnceInFileOrder() {
        assertThatThrownBy(() -> parse("""
                seed: many
                models:
                  'openai:m': { behaviours: [ok, {status: 99}, {kind: explode}] }
                  'openai:n': { behaviors: [ok] }
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join("\n",
                        "scenario test.yaml: seed: \"many\" is not a whole number",
                        "scenario test.yaml: models.\"openai:m\".behaviours[1].status: 99 is not an HTTP status; use one"
                                + " from 200 to 599",
                        "scenario test.yaml: models.\"openai:m\".behaviours[2].kind: \"explode\" is not a kind of"
                                + " behaviour; kinds: ok, status, html, malformed, disconnect, drip, stream-cut,"
                                + " stream-error, oversized",
                        "scenario test.yaml: models.\"openai:n\".behaviors: unknown field for a model; did you mean"
                                + " behaviours?; known fields: behaviours, mix, served-by, then"));
    }

    @Test
    void explainsThatYamlAliasesAreNotSupported() {
        assertThatThrownBy(() -> parse("models:\n  'openai:m': &b { behaviours: [ok] }\n  'openai:n': *b\n"))
                .hasMessage("scenario test.yaml: line 3, column 15: *b is a YAML alias (a reference to a value marked &b"
                        + " elsewhere); scenarios do not support aliases: write the value out in full there");
    }
}
