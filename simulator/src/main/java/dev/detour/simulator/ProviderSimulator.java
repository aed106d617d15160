package dev.detour.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.detour.core.internal.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for OpenAI, the Hugging Face router and the evidence sources (PubMed's E-utilities,
 * Europe PMC, ClinicalTrials.gov, OpenAlex): a real HTTP server on {@code 127.0.0.1} that answers
 * chat-completions requests and searches as its {@link Scenario} scripts, and records what it received.
 * Point an OpenAI adapter at {@link #openAiBaseUrl()}, a Hugging Face adapter at {@link #huggingFaceBaseUrl()}
 * and each source adapter at its base URL; keys are recorded (masked) but never checked, except that
 * OpenAlex refuses a search without {@code api_key} as the real one does. Every answer and every record says
 * it is simulated; do not use it to judge model quality or to cite.
 *
 * <p>Each request runs on its own virtual thread and latency is a sleep, so thousands of concurrent
 * requests cost little; {@link #close()} stops it at once, dropping requests in flight.
 */
public final class ProviderSimulator implements AutoCloseable {

    /** How much of each request the simulator keeps. */
    public enum Recording {
        /** Every request, with its headers and body, for {@link #requests()}. */
        FULL,
        /** Only the number of requests per model, for {@link #requestCount(String)}: for long benchmark runs. */
        COUNTS_ONLY
    }

    private static final int BACKLOG = 4096;
    private static final InetAddress LOOPBACK = loopback();

    private final Scenario scenario;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Recorder recorder;
    private final URI root;

    private ProviderSimulator(Scenario scenario, HttpServer server, ExecutorService executor, Recorder recorder) {
        this.scenario = scenario;
        this.server = server;
        this.executor = executor;
        this.recorder = recorder;
        this.root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts a simulator playing {@code scenario} on a free loopback port, recording every request. */
    public static ProviderSimulator start(Scenario scenario) {
        return start(scenario, Recording.FULL);
    }

    /** Starts a simulator playing {@code scenario} on a free loopback port, keeping as much as {@code recording} says. */
    public static ProviderSimulator start(Scenario scenario, Recording recording) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(recording, "recording");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("the provider simulator could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
        Recorder recorder = new Recorder(recording == Recording.FULL);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ScenarioPlayer player = new ScenarioPlayer(scenario);
        server.createContext("/", new SimulatorHandler(player, recorder, new EvidenceHandler(player, recorder)));
        server.setExecutor(executor);
        server.start();
        return new ProviderSimulator(scenario, server, executor, recorder);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The Anthropic API root to configure, {@code http://127.0.0.1:<port>/anthropic}; {@code /v1/messages} is appended to it. */
    public URI anthropicBaseUrl() {
        return URI.create(root + Endpoint.ANTHROPIC_ROOT);
    }

    /** The OpenAI API root to configure, {@code http://127.0.0.1:<port>/openai/v1}; {@code /chat/completions} is appended to it. */
    public URI openAiBaseUrl() {
        return URI.create(root + Endpoint.OPENAI_ROOT);
    }

    /**
     * The Hugging Face router root to configure, {@code http://127.0.0.1:<port>/hf}: under it are
     * {@code /v1/chat/completions} and the per-provider paths such as {@code /novita/v3/openai/chat/completions}.
     */
    public URI huggingFaceBaseUrl() {
        return URI.create(root + Endpoint.HF_ROOT);
    }

    /** PubMed's E-utilities root to configure, {@code http://127.0.0.1:<port>/eutils}: under it are {@code /esearch.fcgi}, {@code /efetch.fcgi} and {@code /esummary.fcgi}. */
    public URI pubMedBaseUrl() {
        return URI.create(root + Source.PUBMED.root());
    }

    /** Europe PMC's REST root to configure, {@code http://127.0.0.1:<port>/europepmc/webservices/rest}; {@code /search} is under it. */
    public URI europePmcBaseUrl() {
        return URI.create(root + Source.EUROPE_PMC.root());
    }

    /** ClinicalTrials.gov's API v2 root to configure, {@code http://127.0.0.1:<port>/clinicaltrials/api/v2}; {@code /studies} is under it. */
    public URI clinicalTrialsBaseUrl() {
        return URI.create(root + Source.CLINICAL_TRIALS.root());
    }

    /** OpenAlex's API root to configure, {@code http://127.0.0.1:<port>/openalex}; {@code /works} is under it. */
    public URI openAlexBaseUrl() {
        return URI.create(root + Source.OPENALEX.root());
    }

    /** Every request received so far, in arrival order; empty with {@link Recording#COUNTS_ONLY}. */
    public List<RecordedRequest> requests() {
        return recorder.all();
    }

    /**
     * The requests for {@code key} received so far. A model: {@code hf:<org/name>} matches every route of that
     * model, {@code hf:<org/name>:novita} only that route (by suffix or per-provider path),
     * {@code openai:<model>} that model, {@code hf:*} and {@code openai:*} all of a surface. A source:
     * {@code pubmed} every E-utilities request, {@code pubmed:esearch} only ESearch's, likewise
     * {@code europepmc}, {@code clinicaltrials} and {@code openalex}.
     */
    public List<RecordedRequest> requestsFor(String key) {
        return recorder.matching(RequestKey.parse(Require.nonNull(key, "key")));
    }

    /** How many requests for {@code key} (matched as in {@link #requestsFor}) arrived, whatever the recording. */
    public long requestCount(String key) {
        return recorder.count(RequestKey.parse(Require.nonNull(key, "key")));
    }

    /** How many requests arrived in all, whatever the recording. */
    public long requestCount() {
        return recorder.total();
    }

    /** Stops listening, drops the connections and interrupts the requests in flight. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProviderSimulator[" + root + ", scenario=" + scenario.name() + "]";
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is not an address", e);
        }
    }
}
