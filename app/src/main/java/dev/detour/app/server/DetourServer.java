package dev.detour.app.server;

import dev.detour.app.config.ServerConfig;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code detour serve}'s HTTP server: the {@code /v1} API, the event streams, the health endpoints and
 * the web page, on Javalin (Jetty 12, virtual threads). Start it once; {@link #stop()} drains the runs
 * at a durable point before the port closes.
 */
public final class DetourServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DetourServer.class.getName());
    private static final String OPENAPI = "/dev/detour/app/server/openapi.json";
    /** Held so their levels stay set: Jetty and Javalin announce every start and stop at INFO, which is noise here. */
    private static final List<java.util.logging.Logger> CHATTY = List.of(
            java.util.logging.Logger.getLogger("org.eclipse.jetty"), java.util.logging.Logger.getLogger("io.javalin"));

    private final ServerSettings settings;
    private final ServerConfig config;
    private final LiveRuns runs;
    private final Javalin app;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    DetourServer(ServerSettings settings, ServerConfig config, LiveRuns runs, RunsApi runsApi, EventsApi eventsApi,
            SystemApi systemApi, Replies replies) {
        this.settings = settings;
        this.config = config;
        this.runs = runs;
        CHATTY.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        Access access = new Access(settings.token());
        byte[] openApi = resource(OPENAPI);
        this.app = Javalin.create(javalin -> {
            configure(javalin);
            javalin.routes.before(access::check);
            javalin.routes.post("/v1/runs", runsApi::start);
            javalin.routes.get("/v1/runs", runsApi::list);
            javalin.routes.get("/v1/runs/{id}", runsApi::get);
            javalin.routes.post("/v1/runs/{id}/cancel", runsApi::cancel);
            javalin.routes.post("/v1/runs/{id}/resume", runsApi::resume);
            javalin.routes.get("/v1/runs/{id}/events", eventsApi::stream);
            javalin.routes.get("/v1/models", systemApi::models);
            javalin.routes.get("/v1/doctor", systemApi::doctor);
            javalin.routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            javalin.routes.get("/health/live", systemApi::live);
            javalin.routes.get("/health/ready", systemApi::ready);
            javalin.routes.exception(ApiException.class, (problem, ctx) -> replies.error(ctx, problem));
            javalin.routes.exception(HttpResponseException.class, (problem, ctx) -> replies.json(ctx, problem.getStatus(),
                    replies.error(problem.getStatus() == 404 ? "not_found" : "http_" + problem.getStatus(),
                            problem.getMessage() + (problem.getStatus() == 404 ? "; the API is described at /v1/openapi.json" : ""))));
            javalin.routes.exception(Exception.class, (failure, ctx) -> {
                LOG.log(System.Logger.Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", failure);
                replies.json(ctx, 500, replies.error("internal", "the server failed on this request ("
                        + failure.getClass().getSimpleName() + "); its log has the details"));
            });
            javalin.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    replies.json(ctx, 404, replies.error("not_found", "nothing at " + ctx.method() + " " + ctx.path()
                            + "; the API is described at /v1/openapi.json"));
                }
            });
        });
    }

    private void configure(JavalinConfig javalin) {
        javalin.startup.showJavalinBanner = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.concurrency.useVirtualThreads = true;
        javalin.http.compressionStrategy = CompressionStrategy.NONE;
        javalin.http.maxRequestSize = settings.maxBodyBytes();
        javalin.jetty.host = settings.host();
        javalin.jetty.port = settings.port();
        javalin.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/dev/detour/app/server/web";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Content-Security-Policy", Access.CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY",
                    "Cache-Control", "no-cache");
        });
        List<String> origins = config.corsOrigins();
        if (!origins.isEmpty()) {
            javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                rule.exposeHeader("Retry-After");
                rule.exposeHeader("Location");
            }));
        }
    }

    /** Starts listening; returns once the port is open. */
    public DetourServer start() {
        app.start();
        return this;
    }

    /** The port it listens on: the one given, or the free one it took for port 0. */
    public int port() {
        return app.port();
    }

    /** The page's address, such as {@code http://127.0.0.1:8080/}. */
    public URI url() {
        String host = settings.host().contains(":") && !settings.host().startsWith("[")
                ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * Stops gracefully: takes no new run, lets each running run reach its next durable step (at most
     * {@code server.shutdown-grace}), cancels it so the store keeps it resumable, then closes the port.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            runs.drain(config.shutdownGrace());
            app.stop();
        } finally {
            closed.countDown();
        }
    }

    /** Waits until {@link #stop()} has finished. */
    public void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static byte[] resource(String name) {
        try (InputStream in = DetourServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name + "; rebuild it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
