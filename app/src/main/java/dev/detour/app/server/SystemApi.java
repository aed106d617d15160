package dev.detour.app.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.resilience.CircuitBreakers;
import dev.detour.app.resilience.CircuitState;
import dev.detour.core.model.ModelRef;
import dev.detour.core.workflow.RunStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/** {@code /v1/models}, {@code /v1/doctor} and the health endpoints: how the chain and the server stand. */
final class SystemApi {

    private static final System.Logger LOG = System.getLogger(SystemApi.class.getName());

    private final DetourConfig config;
    private final Environment environment;
    private final CircuitBreakers breakers;
    private final ModelHealth health;
    private final DoctorProbes doctor;
    private final RunStore store;
    private final LiveRuns runs;
    private final Clock clock;
    private final Replies replies;

    SystemApi(DetourConfig config, Environment environment, CircuitBreakers breakers, ModelHealth health,
            DoctorProbes doctor, RunStore store, LiveRuns runs, Clock clock, Replies replies) {
        this.config = config;
        this.environment = environment;
        this.breakers = breakers;
        this.health = health;
        this.doctor = doctor;
        this.store = store;
        this.runs = runs;
        this.clock = clock;
        this.replies = replies;
    }

    void models(Context ctx) {
        ObjectNode json = replies.mapper().createObjectNode().put("source", config.source());
        ArrayNode models = json.putArray("models");
        Instant now = clock.instant();
        for (ModelRef model : config.chain()) {
            ProviderConfig provider = config.provider(model.provider()).orElseThrow();
            ObjectNode node = models.addObject().put("model", model.toString()).put("provider", provider.name())
                    .put("type", provider.type()).put("baseUrl", provider.baseUrl().toString())
                    .put("key", key(provider));
            CircuitState circuit = breakers.circuit(model);
            ObjectNode state = node.putObject("circuit")
                    .put("state", circuit.position().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .put("failures", circuit.recentFailures());
            if (circuit.position() == CircuitState.Position.OPEN) {
                state.put("openUntil", now.plus(circuit.remainingOpen()).toString());
            } else {
                state.putNull("openUntil");
            }
            ObjectNode recent = node.putObject("recent");
            health.recentOutcomes(model).forEach(recent::put);
        }
        replies.json(ctx, 200, json);
    }

    void doctor(Context ctx) {
        DoctorProbes.Round round = doctor.round();
        ObjectNode json = replies.mapper().createObjectNode().put("probedAt", round.at().toString())
                .put("nextProbeAfter", round.at().plus(doctor.interval()).toString());
        ArrayNode probes = json.putArray("probes");
        int healthy = 0;
        for (DoctorProbes.Probe probe : round.probes()) {
            ObjectNode node = probes.addObject().put("model", probe.model()).put("ok", probe.ok());
            probe.inferenceProvider().ifPresentOrElse(name -> node.put("inferenceProvider", name),
                    () -> node.putNull("inferenceProvider"));
            probe.kind().ifPresentOrElse(kind -> node.put("kind", kind), () -> node.putNull("kind"));
            if (probe.httpStatus().isPresent()) {
                node.put("httpStatus", probe.httpStatus().getAsInt());
            } else {
                node.putNull("httpStatus");
            }
            node.put("latencyMs", probe.latencyMs()).put("message", probe.message());
            healthy += probe.ok() ? 1 : 0;
        }
        json.put("healthy", healthy);
        replies.json(ctx, 200, json);
    }

    void live(Context ctx) {
        replies.json(ctx, 200, replies.mapper().createObjectNode().put("status", "ok"));
    }

    /** Ready when the configuration is loaded, the run store takes a write, and the server is not shutting down. */
    void ready(Context ctx) {
        ObjectNode json = replies.mapper().createObjectNode();
        ObjectNode checks = json.putObject("checks");
        checks.put("config", config.source());
        boolean ready = true;
        try {
            store.deleteStartedBefore(Instant.EPOCH);
            checks.put("store", "writable");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "readiness: the run store failed a write: " + e.getMessage());
            checks.put("store", "failing: " + e.getMessage());
            ready = false;
        }
        if (runs.draining()) {
            checks.put("server", "shutting down");
            ready = false;
        } else {
            checks.put("server", "accepting runs");
        }
        checks.put("runningRuns", runs.running());
        json.put("status", ready ? "ready" : "not ready");
        replies.json(ctx, ready ? 200 : 503, json);
    }

    private String key(ProviderConfig provider) {
        return provider.tokenEnv()
                .map(variable -> variable + (environment.variable(variable).isPresent() ? " (set)" : " (not set)"))
                .orElse("none (keyless)");
    }
}
