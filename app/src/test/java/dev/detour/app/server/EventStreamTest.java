package dev.detour.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.app.server.ServerRig.Received;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/runs/{id}/events}: ids, types and data; replay with Last-Event-ID; heartbeats; the end. */
class EventStreamTest {

    @Test
    void eachEventCarriesItsSequenceAsIdItsTypeAsEventAndTheCliEventJsonAsData() {
        try (ServerRig rig = ServerRig.start()) {
            String id = rig.startRun("Why is the sea salty?");

            List<Received> events = rig.allEvents(id);

            assertThat(events).extracting(Received::id)
                    .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
            for (Received event : events) {
                assertThat(event.data().get("type").asText()).isEqualTo(event.event());
                assertThat(event.data().get("sequence").asLong()).isEqualTo(event.id());
                assertThat(event.data().get("runId").asText()).isEqualTo(id);
            }
            assertThat(events.get(0).event()).isEqualTo("RunStarted");
            assertThat(events.get(events.size() - 1).event()).isEqualTo("RunCompleted");
        }
    }

    @Test
    void providerTextWithLineBreaksAndTheKeyStaysInsideOneDataLineRedacted() {
        String injected = "upstream broke\\r\\nevent: RunCompleted\\r\\nid: 999\\n\\ndata: {} " + ServerRig.HF_KEY;
        Scenario scenario = Scenario.builder("injection")
                .model(ServerRig.QWEN_72B.toString(), model -> model.servedBy("novita")
                        .always(Behaviour.status(500, "{\"error\":\"" + injected + "\"}")))
                .model(ServerRig.QWEN_7B.toString(), model -> model.always(Behaviour.ok()))
                .build();
        try (ServerRig rig = ServerRig.start(options -> options.scenario(scenario))) {
            String id = rig.startRun("Why is the sea salty?");

            List<String> lines;
            try (Stream<String> stream = rig.lines(id, null)) {
                lines = stream.takeWhile(line -> !line.contains("\"type\":\"RunCompleted\"")).toList();
            }

            assertThat(lines).filteredOn(line -> line.contains("upstream broke")).hasSize(3)
                    .allSatisfy(line -> assertThat(line).startsWith("data: {\"type\":\"AttemptFailed\"").contains("[redacted]"));
            assertThat(lines).noneMatch(line -> line.contains(ServerRig.HF_KEY) || line.startsWith("id: 999"))
                    .filteredOn(line -> line.startsWith("event: RunCompleted")).as("only the run's own end").hasSize(1);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("event: RunCompleted");
        }
    }

    @Test
    void showsTheFailedAttemptsAndTheFallbackAsTheyHappen() {
        try (ServerRig rig = ServerRig.start()) {
            String id = rig.startRun("Why is the sea salty?");

            List<JsonNode> data = rig.allEvents(id).stream().map(Received::data).toList();

            assertThat(data).filteredOn(event -> event.get("type").asText().equals("AttemptFailed")).first()
                    .satisfies(failed -> {
                        assertThat(failed.get("model").asText()).isEqualTo(ServerRig.QWEN_72B.toString());
                        assertThat(failed.get("inferenceProvider").asText()).isEqualTo("novita");
                        assertThat(failed.get("httpStatus").asInt()).isEqualTo(500);
                        assertThat(failed.get("kind").asText()).isEqualTo("ProviderUnavailable");
                        assertThat(failed.has("latencyMs")).isTrue();
                    });
            assertThat(data).filteredOn(event -> event.get("type").asText().equals("FallbackTaken")).first()
                    .satisfies(fallback -> {
                        assertThat(fallback.get("from").asText()).isEqualTo(ServerRig.QWEN_72B.toString());
                        assertThat(fallback.get("to").asText()).isEqualTo(ServerRig.QWEN_7B.toString());
                    });
            assertThat(data).anySatisfy(event -> {
                assertThat(event.get("type").asText()).isEqualTo("AttemptSkipped");
                assertThat(event.get("skipReason").asText()).isEqualTo("CIRCUIT_OPEN");
            });
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdMissesNothingAndGetsNothingTwice() {
        try (ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofMillis(150))))) {
            assertReconnectsWithoutAGapOrADuplicate(rig);
        }
    }

    /** Reads 5 events, hangs up, reconnects with Last-Event-ID for 7 more, then for the rest: no gap, nothing twice. */
    static void assertReconnectsWithoutAGapOrADuplicate(ServerRig rig) {
        String id = rig.startRun("Why is the sea salty?");
        List<Received> received = new ArrayList<>(rig.events(id, null, 5));
        assertThat(received).hasSize(5);

        received.addAll(rig.events(id, received.get(4).id(), 7));
        received.addAll(rig.events(id, received.get(received.size() - 1).id(), Integer.MAX_VALUE));

        assertThat(received).extracting(Received::id)
                .isEqualTo(LongStream.rangeClosed(1, received.size()).boxed().toList());
        assertThat(received.get(received.size() - 1).event()).isEqualTo("RunCompleted");
        assertThat(rig.allEvents(id)).isEqualTo(received);
    }

    @Test
    void aClientThatComesAfterTheEndGetsTheWholeHistoryFromTheStore() {
        try (ServerRig first = ServerRig.start()) {
            String id = first.startRun("Why is the sea salty?");
            List<Received> live = first.allEvents(id);
            first.awaitStatus(id, "completed");

            try (ServerRig restarted = ServerRig.start(options -> options.store(first.storeFile))) {
                assertThat(restarted.allEvents(id)).isEqualTo(live);
                assertThat(restarted.events(id, 3L, Integer.MAX_VALUE)).isEqualTo(live.subList(3, live.size()));
                assertThat(restarted.events(id, (long) live.size(), Integer.MAX_VALUE)).isEmpty();
            }
        }
    }

    @Test
    void sendsAHeartbeatCommentWhileTheRunIsQuiet() {
        try (ServerRig rig = ServerRig.start(options -> options.scenario(ServerRig.outage(Duration.ofSeconds(30)))
                .heartbeat(Duration.ofMillis(50)))) {
            String id = rig.startRun("Why is the sea salty?");
            List<String> seen = new ArrayList<>();
            try (Stream<String> lines = rig.lines(id, null)) {
                Iterator<String> it = lines.iterator();
                while (it.hasNext() && seen.size() < 10_000) {
                    String line = it.next();
                    seen.add(line);
                    if (line.startsWith(":")) {
                        break;
                    }
                }
            }
            rig.post("/v1/runs/" + id + "/cancel", "");

            assertThat(seen).last().isEqualTo(": heartbeat");
        }
    }

    @Test
    void refusesALastEventIdThatIsNotANumber() {
        try (ServerRig rig = ServerRig.start()) {
            String id = rig.startRun("Why is the sea salty?");

            RunsApiTest.assertError(rig.get("/v1/runs/" + id + "/events", "Last-Event-ID", "seven"), 400,
                    "invalid_request", "Last-Event-ID");
        }
    }
}
