package dev.detour.app.server;

import dev.detour.app.StartedRun;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.resilience.Chains;
import dev.detour.core.cost.Pricing;
import dev.detour.core.model.ModelRef;
import dev.detour.core.research.ResearchOutcome;
import dev.detour.core.research.ResearchRunner;
import dev.detour.core.research.ResearchWorkflow;
import dev.detour.core.research.GroundingSettings;
import dev.detour.core.research.ResearchSettings;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.workflow.Budget;
import dev.detour.core.workflow.RunOptions;
import dev.detour.core.workflow.RunResult;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.StoredRun;
import dev.detour.core.workflow.WorkflowEngine;
import dev.detour.core.workflow.WorkflowEvent;
import dev.detour.core.workflow.WorkflowListener;
import dev.detour.engine.temporal.TemporalRun;
import dev.detour.engine.temporal.TemporalRuns;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runs this server started or resumed: it starts them within {@code server.max-concurrent-runs}, on the
 * embedded engine or on Temporal, keeps the most recent finished ones in memory, and stops embedded ones at
 * shutdown at a durable point (runs on Temporal go on on their workers).
 */
final class LiveRuns {

    private static final System.Logger LOG = System.getLogger(LiveRuns.class.getName());
    private static final int KEPT_FINISHED = 500;
    private static final int MAX_BACKLOG = 10_000;
    private static final long RETRY_AFTER_SECONDS = 5;

    private final ResearchRunner runner;
    private final Chains chains;
    private final EvidenceSources evidence;
    private final DetourConfig config;
    private final RunStore store;
    private final Clock clock;
    private final List<WorkflowListener> listeners;
    private final List<WorkflowListener> engineListeners;
    private final Supplier<Function<WorkflowEvent, String>> json;
    private final Optional<TemporalRuns> temporal;
    private final Supplier<Map<String, String>> traceContext;
    private final ConcurrentHashMap<String, LiveRun> runs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> finishedOrder = new ConcurrentLinkedDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean draining;

    LiveRuns(ResearchRunner runner, Chains chains, EvidenceSources evidence, DetourConfig config, RunStore store,
            Clock clock, List<WorkflowListener> listeners, List<WorkflowListener> engineListeners,
            Supplier<Function<WorkflowEvent, String>> json, Optional<TemporalRuns> temporal,
            Supplier<Map<String, String>> traceContext) {
        this.runner = runner;
        this.chains = chains;
        this.evidence = evidence;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.engineListeners = List.copyOf(engineListeners);
        this.json = json;
        this.temporal = temporal;
        this.traceContext = traceContext;
    }

    LiveRun start(RunRequest request) {
        takeSlot();
        try {
            List<ModelRef> chain = request.chain().orElse(config.chain());
            ResearchSettings settings = runner.settings();
            if (request.maxIterations().isPresent()) {
                settings = settings.withMaxIterations(request.maxIterations().getAsInt());
            }
            if (!request.sources().isEmpty()) {
                GroundingSettings grounding = settings.grounding();
                settings = settings.withGrounding(new GroundingSettings(request.sources().stream().distinct().toList(),
                        grounding.resultsPerSource(), grounding.maxEvidencePerQuestion()));
            }
            Budget budget = runner.defaultOptions().budget().withMaxTokens(
                    request.tokenBudget().orElse(config.workflow().tokenBudget()));
            String runId = UUID.randomUUID().toString();
            LiveRun live = new LiveRun(runId, request.question(), clock.instant(), budget.maxTokens(), List.of(), json.get(),
                    MAX_BACKLOG);
            RunOptions options = options(live, budget, chain).withRunId(runId);
            runs.put(runId, live);
            StartedRun started;
            try {
                started = temporal.isPresent()
                        ? onTemporal(temporal.get(), request, settings, traceContext.get(), config.pricing(), options)
                        : StartedRun.of(runnerFor(chain).start(request.question(), settings, options));
            } catch (RuntimeException e) {
                runs.remove(runId);
                throw e;
            }
            follow(live, started);
            return live;
        } catch (RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
    }

    /**
     * Resumes the stored run {@code runId}, with the chain it ran with and its budget, raised to
     * {@code tokenBudget} if given.
     */
    LiveRun resume(String runId, OptionalLong tokenBudget) {
        if (temporal.isPresent() && runs.containsKey(runId) && store.find(runId).isEmpty()) {
            throw ApiException.conflict("run " + runId + " runs on Temporal, which keeps it going through server and worker"
                    + " restarts, so there is nothing to resume; start a new run instead");
        }
        StoredRun stored = store.find(runId).orElseThrow(() -> ApiException.notFound("there is no run " + runId
                + (runs.containsKey(runId) ? " in the run store, so it cannot be resumed" : "; list the runs with GET /v1/runs")));
        find(runId).filter(live -> !live.isDone()).ifPresent(live -> {
            throw ApiException.conflict("run " + runId + " is running; cancel it first, or follow it at /v1/runs/" + runId + "/events");
        });
        if (!stored.resumable()) {
            throw ApiException.conflict("run " + runId + " completed; there is nothing to resume. Start a new run instead");
        }
        takeSlot();
        try {
            List<ModelRef> chain = stored.start().chain().isEmpty() ? config.chain() : stored.start().chain();
            Budget budget = stored.start().budget();
            if (tokenBudget.isPresent()) {
                budget = budget.withMaxTokens(tokenBudget.getAsLong());
            }
            Function<WorkflowEvent, String> replay = json.get();
            List<Frame> earlier = store.events(runId).stream().map(event -> Frame.of(event, replay).earlier()).toList();
            LiveRun live = new LiveRun(runId, String.valueOf(stored.start().input()), stored.start().at(), budget.maxTokens(),
                    earlier, json.get(), MAX_BACKLOG);
            runs.put(runId, live);
            finishedOrder.remove(runId);
            follow(live, StartedRun.of(runnerFor(chain).resume(stored, options(live, budget, chain))));
            return live;
        } catch (RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
    }

    /**
     * The run on Temporal, its calls through the chain the request names (each worker builds it from its own
     * providers) or else the workers' configured chain, counted on every worker at {@code pricing}, the prices this
     * server shows its cost at.
     */
    private static StartedRun onTemporal(TemporalRuns temporal, RunRequest request, ResearchSettings settings,
            Map<String, String> traceContext, Pricing pricing, RunOptions options) {
        TemporalRun<ResearchOutcome> run;
        try {
            run = temporal.start(ResearchWorkflow.NAME, request.question(), Optional.of(settings),
                    request.chain().orElse(List.of()), traceContext, pricing, options);
        } catch (RuntimeException e) {
            throw ApiException.engineUnavailable("the run could not start on Temporal (" + e.getMessage()
                    + "); check that the Temporal frontend in temporal.target is up, then try again");
        }
        return StartedRun.onTemporal(run, () -> {});
    }

    Optional<LiveRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    Collection<LiveRun> all() {
        return List.copyOf(runs.values());
    }

    int running() {
        return running.get();
    }

    boolean draining() {
        return draining;
    }

    /**
     * Takes no new run, lets each running run reach its next completed step (at most {@code grace}),
     * then cancels it and waits for it to end, so its store holds it as resumable. Runs on Temporal are
     * left running: their workers carry on with them.
     */
    void drain(Duration grace) {
        draining = true;
        List<Thread> stoppers = new ArrayList<>();
        for (LiveRun live : all()) {
            if (live.isDone() || live.outlivesTheServer()) {
                continue;
            }
            stoppers.add(Thread.ofVirtual().name("detour-serve-drain-" + live.runId()).start(() -> {
                try {
                    live.awaitNextStepOrEnd(grace.toMillis());
                    live.cancel();
                    if (!live.awaitEnd(Duration.ofSeconds(10).toMillis())) {
                        LOG.log(System.Logger.Level.WARNING, "run " + live.runId() + " did not stop within 10 s of its cancellation");
                    }
                } catch (InterruptedException e) {
                    live.cancel();
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void takeSlot() {
        if (draining) {
            throw ApiException.shuttingDown();
        }
        int max = config.server().maxConcurrentRuns();
        if (running.incrementAndGet() > max) {
            running.decrementAndGet();
            throw ApiException.tooManyRuns(max, RETRY_AFTER_SECONDS);
        }
    }

    private RunOptions options(LiveRun live, Budget budget, List<ModelRef> chain) {
        RunOptions options = RunOptions.defaults().withBudget(budget).withChain(chain);
        for (WorkflowListener listener : listeners) {
            options = options.withListener(listener);
        }
        return options.withListener(live).withListener(new SlotRelease(live));
    }

    private ResearchRunner runnerFor(List<ModelRef> chain) {
        if (chain.equals(config.chain())) {
            return runner;
        }
        return new ResearchRunner(new WorkflowEngine(chains.of(chain), evidence, clock, engineListeners, config.pricing(), store),
                runner.settings());
    }

    private void follow(LiveRun live, StartedRun handle) {
        live.attach(handle);
        Thread.ofVirtual().name("detour-serve-" + live.runId()).start(() -> {
            RunResult<ResearchOutcome> result;
            try {
                result = handle.await();
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "run " + live.runId() + " broke the engine: " + e.getMessage(), e);
                result = new RunResult.Failed<>(e, ResearchWorkflow.NAME, handle.recordSoFar());
            }
            release(live);
            live.finish(result, config.pricing());
            finishedOrder.add(live.runId());
            while (finishedOrder.size() > KEPT_FINISHED) {
                String oldest = finishedOrder.poll();
                if (oldest != null) {
                    runs.computeIfPresent(oldest, (id, run) -> run.isDone() ? null : run);
                }
            }
        });
    }

    private void release(LiveRun live) {
        if (live.releaseSlot()) {
            running.decrementAndGet();
        }
    }

    /** Frees a run's slot as soon as its final event is out, so a client that saw it may start the next run. */
    private final class SlotRelease implements WorkflowListener {

        private final LiveRun live;

        SlotRelease(LiveRun live) {
            this.live = live;
        }

        @Override
        public void onEvent(WorkflowEvent event) {
            if (event instanceof WorkflowEvent.RunCompleted || event instanceof WorkflowEvent.RunFailed) {
                release(live);
            }
        }
    }
}
