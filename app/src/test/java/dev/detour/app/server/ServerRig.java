package dev.detour.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import dev.detour.app.DetourModule;
import dev.detour.app.cli.ServeFixtures;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.app.config.ResilienceConfig;
import dev.detour.app.config.ServerConfig;
import dev.detour.app.config.SourceConfig;
import dev.detour.app.config.StoreConfig;
import dev.detour.app.config.TelemetryConfig;
import dev.detour.app.config.WorkflowConfig;
import dev.detour.app.provider.Providers;
import dev.detour.app.store.JsonValueCodec;
import dev.detour.app.store.RunStores;
import dev.detour.app.telemetry.Telemetry;
import dev.detour.core.cost.Price;
import dev.detour.core.cost.Pricing;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.secret.Secret;
import dev.detour.core.workflow.RunStore;
import dev.detour.engine.temporal.TemporalRuns;
import dev.detour.engine.temporal.TemporalWorker;
import dev.detour.engine.temporal.WorkerModels;
import dev.detour.engine.temporal.WorkflowCatalog;
import dev.detour.simulator.Behaviour;
import dev.detour.simulator.ProviderSimulator;
import dev.detour.simulator.Scenario;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real {@code detour serve} server for tests: the provider simulator on loopback, the CLI's Guice graph
 * with a real SQLite run store in a temporary folder, the server on an ephemeral port, and a JDK HTTP
 * client to call it.
 */
final class ServerRig implements AutoCloseable {

    static final String HF_KEY = "hf_FakeServerRigKey";
    static final ModelRef QWEN_72B = ModelRef.of("hf", "Qwen/Qwen2.5-72B-Instruct");
    static final ModelRef QWEN_7B = ModelRef.of("hf", "Qwen/Qwen2.5-7B-Instruct");
    static final ModelRef GPT = ModelRef.of("openai", "gpt-4o-mini");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One event of a stream, as received. */
    record Received(long id, String event, JsonNode data) {}

    /** What a rig is made of; every part has a default. */
    static final class Options {
        Scenario scenario = outage(Duration.ZERO);
        ServerConfig server = new ServerConfig(8, List.of(), Duration.ofMillis(100));
        Optional<Secret> token = Optional.empty();
        Duration heartbeat = Duration.ofSeconds(15);
        Path storeFile;
        boolean grounded;
        WorkflowClient temporal;
        UnaryOperator<DetourConfig> change = UnaryOperator.identity();
        UnaryOperator<DetourConfig> workerChange;
        OpenTelemetry openTelemetry;

        /** Runs grounded in the simulator's Europe PMC and ClinicalTrials.gov. */
        Options grounded() {
            grounded = true;
            return this;
        }

        Options scenario(Scenario value) {
            scenario = value;
            return this;
        }

        Options server(ServerConfig value) {
            server = value;
            return this;
        }

        Options token(String value) {
            token = Optional.of(Secret.of(value));
            return this;
        }

        Options heartbeat(Duration value) {
            heartbeat = value;
            return this;
        }

        /**
         * Runs run on Temporal through {@code client} (such as a test server's), on a new task queue that a worker
         * made from the rig's own injector polls, as {@code detour serve --engine temporal} next to a {@code detour worker}.
         */
        Options temporal(WorkflowClient client) {
            temporal = client;
            return this;
        }

        /**
         * The Temporal worker made from a graph of its own, its configuration the rig's changed by {@code value}, as
         * a {@code detour worker} configured apart from the server.
         */
        Options worker(UnaryOperator<DetourConfig> value) {
            workerChange = value;
            return this;
        }

        /** Telemetry on, over {@code value} (such as an SDK with an in-memory exporter), for the server and its worker. */
        Options openTelemetry(OpenTelemetry value) {
            openTelemetry = value;
            return this;
        }

        /** The rig's configuration changed by {@code value}, such as prices and a cost budget. */
        Options config(UnaryOperator<DetourConfig> value) {
            change = value;
            return this;
        }

        /** Runs go to this SQLite file (else to a new one), such as one a stopped server left behind. */
        Options store(Path file) {
            storeFile = file;
            return this;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final ProviderSimulator simulator;
    final Path storeFile;
    final BreakableStore breakableStore;
    private final Path ownDirectory;
    final Injector injector;
    final DetourServer server;
    private final Optional<TemporalWorker> worker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerRig(Options options) {
        simulator = ProviderSimulator.start(options.scenario);
        try {
            ownDirectory = options.storeFile == null ? Files.createTempDirectory("detour-server-rig") : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storeFile = options.storeFile == null ? ownDirectory.resolve("detour.db") : options.storeFile;
        breakableStore = new BreakableStore(RunStores.open(StoreConfig.at(storeFile), new JsonValueCodec(), Clock.systemUTC()));
        DetourConfig config = options.change.apply(config(simulator, options.server));
        if (options.grounded) {
            Map<String, SourceConfig> sources = new LinkedHashMap<>();
            sources.put("europepmc", SourceConfig.of("europepmc", "europepmc", simulator.europePmcBaseUrl()));
            sources.put("clinicaltrials", SourceConfig.of("clinicaltrials", "clinicaltrials", simulator.clinicalTrialsBaseUrl()));
            config = config.withEvidence(sources, GroundingSettings.of(List.copyOf(sources.keySet())));
        }
        ServerSettings settings = ServerSettings.of("127.0.0.1", 0, options.token).withHeartbeat(options.heartbeat);
        ServerModule module = new ServerModule(settings, ServeFixtures.formats(config.pricing()));
        String taskQueue = "serve-" + UUID.randomUUID();
        if (options.temporal != null) {
            module = module.onTemporal(TemporalRuns.on(options.temporal, taskQueue));
        }
        injector = Guice.createInjector(Modules.override(new DetourModule(config, Environment.of(Map.of("HF_TOKEN", HF_KEY))))
                        .with(binder -> {
                            binder.bind(RunStore.class).toInstance(breakableStore);
                            if (options.openTelemetry != null) {
                                binder.bind(OpenTelemetry.class).toInstance(options.openTelemetry);
                            }
                        }),
                module);
        Injector workers = options.workerChange == null ? injector : Guice.createInjector(
                new DetourModule(options.workerChange.apply(config), Environment.of(Map.of("HF_TOKEN", HF_KEY))));
        worker = Optional.ofNullable(options.temporal).map(client -> TemporalWorker.start(client, taskQueue,
                workers.getInstance(WorkerModels.class), EvidenceSources.none(), workers.getInstance(WorkflowCatalog.class),
                List.of(), workers.getInstance(Telemetry.class).runTracing()));
        server = injector.getInstance(DetourServer.class).start();
    }

    static ServerRig start() {
        return new ServerRig(new Options());
    }

    static ServerRig start(Consumer<Options> setup) {
        Options options = new Options();
        setup.accept(options);
        return new ServerRig(options);
    }

    /** The demo's incident: Qwen2.5-72B via novita answers HTTP 500, Qwen2.5-7B on hf-inference answers after {@code latency}. */
    static Scenario outage(Duration latency) {
        return Scenario.builder("server-test")
                .model(QWEN_72B.toString(), model -> model.servedBy("novita")
                        .always(Behaviour.payload(500, "hf-router-error-500-representative.json")))
                .model(QWEN_7B.toString(), model -> model.servedBy("hf-inference").always(Behaviour.ok().withLatency(latency)))
                .model(GPT.toString(), model -> model.always(Behaviour.ok().withLatency(latency)))
                .build();
    }

    private static DetourConfig config(ProviderSimulator simulator, ServerConfig server) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("hf", new ProviderConfig("hf", "huggingface", simulator.huggingFaceBaseUrl(), Optional.of("HF_TOKEN"),
                false, Map.of()));
        providers.put("openai", new ProviderConfig("openai", "openai", simulator.openAiBaseUrl(), Optional.of("OPENAI_API_KEY"),
                false, Map.of()));
        ResilienceConfig resilience = new ResilienceConfig(Duration.ofSeconds(60), 2,
                new ResilienceConfig.BackoffConfig(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), Duration.ofSeconds(5),
                new ResilienceConfig.CircuitBreakerConfig(3, Duration.ofMinutes(5)), Optional.of(Duration.ofMinutes(2)));
        return new DetourConfig(providers, List.of(QWEN_72B, QWEN_7B, GPT), resilience, new WorkflowConfig(1, 50_000, 4),
                StoreConfig.none(), TelemetryConfig.defaults(), Pricing.none(), server,
                "server test rig");
    }

    URI uri(String path) {
        return server.url().resolve(path);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(PATIENCE);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /**
     * Every model of the rig at $1 per million answer tokens, and a cost budget of {@code dollars}: a call's
     * worst case is its output cap, so a budget of a few millionths of a dollar starts no model.
     */
    static DetourConfig withCostBudget(DetourConfig config, String dollars) {
        Price price = new Price(BigDecimal.ZERO, BigDecimal.ONE);
        return config.withPricing(new Pricing(Map.of(QWEN_72B, price, QWEN_7B, price, GPT, price)))
                .withWorkflow(new WorkflowConfig(config.workflow().maxIterations(), config.workflow().tokenBudget(),
                        config.workflow().parallelism(), Optional.of(new BigDecimal(dollars))));
    }

    /** Starts a run of {@code question} and returns its id. */
    String startRun(String question) {
        HttpResponse<String> response = post("/v1/runs", "{\"question\": " + JSON.valueToTree(question) + "}");
        if (response.statusCode() != 202) {
            throw new AssertionError("POST /v1/runs answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("id").asText();
    }

    /** The raw lines of the run's event stream, after {@code lastEventId} if it is not null; close the stream to hang up. */
    Stream<String> lines(String runId, Long lastEventId, String... headers) {
        HttpRequest.Builder builder = request("/v1/runs/" + runId + "/events", headers).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            builder.header("Last-Event-ID", String.valueOf(lastEventId));
        }
        try {
            HttpResponse<Stream<String>> response = http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("the event stream answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the run's events after {@code lastEventId} (null: from the start), at most {@code max}, then hangs up. */
    List<Received> events(String runId, Long lastEventId, int max) {
        List<Received> received = new ArrayList<>();
        try (Stream<String> lines = lines(runId, lastEventId)) {
            Iterator<String> it = lines.iterator();
            long id = -1;
            String event = null;
            while (received.size() < max && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    received.add(new Received(id, event, JSON.readTree(line.substring(6))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return received;
    }

    /** Every event of the run, from the first to its last (the stream ends there). */
    List<Received> allEvents(String runId) {
        return events(runId, null, Integer.MAX_VALUE);
    }

    /** Polls the run until {@code condition} holds of its detail; the detail then. */
    JsonNode awaitRun(String runId, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode detail = json(get("/v1/runs/" + runId));
        while (!condition.test(detail)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run " + runId + " never got there; it stands: " + detail);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            detail = json(get("/v1/runs/" + runId));
        }
        return detail;
    }

    JsonNode awaitStatus(String runId, String status) {
        return awaitRun(runId, detail -> detail.get("status").asText().equals(status) && !detail.get("report").isNull());
    }

    @Override
    public void close() {
        try {
            server.stop();
            worker.ifPresent(TemporalWorker::close);
        } finally {
            injector.getInstance(Providers.class).close();
            breakableStore.close();
            simulator.close();
            deleteOwnDirectory();
        }
    }

    private void deleteOwnDirectory() {
        if (ownDirectory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(ownDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
