package dev.detour.app.server;

import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.WorkflowEvent;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /v1/runs/{id}/events}: a run's events as Server-Sent Events. What the client missed (after
 * {@code Last-Event-ID}) comes first, then each live event, with a heartbeat comment when the stream
 * would be silent longer than the heartbeat; the stream ends after the run's final event.
 */
final class EventsApi {

    /** The most frames sent in one write when several are waiting. */
    private static final int BATCH = 64;

    private final LiveRuns runs;
    private final RunStore store;
    private final Supplier<Function<WorkflowEvent, String>> json;
    private final Duration heartbeat;

    EventsApi(LiveRuns runs, RunStore store, Supplier<Function<WorkflowEvent, String>> json, Duration heartbeat) {
        this.runs = runs;
        this.store = store;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    void stream(Context ctx) throws IOException {
        String runId = ctx.pathParam("id");
        long after = lastEventId(ctx);
        Optional<LiveRun> live = runs.find(runId);
        Subscription subscription = live.map(run -> run.subscribe(after)).orElseGet(() -> stored(runId, after));
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        try {
            write(out, "retry: 1000\n\n");
            while (true) {
                Subscription.Next next = subscription.next(heartbeat);
                switch (next) {
                    case Subscription.Next.Idle idle -> write(out, ": heartbeat\n\n");
                    case Subscription.Next.End end -> {
                        return;
                    }
                    case Subscription.Next.Event event -> {
                        List<Frame> frames = subscription.withQueued(event.frame(), BATCH);
                        StringBuilder text = new StringBuilder();
                        frames.forEach(frame -> text.append(frame.sse()));
                        write(out, text.toString());
                        if (frames.get(frames.size() - 1).last()) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException gone) {
            // The client went away; it reconnects with Last-Event-ID if it wants more.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            live.ifPresent(run -> run.unsubscribe(subscription));
        }
    }

    private Subscription stored(String runId, long after) {
        if (store.find(runId).isEmpty()) {
            throw RunsApi.unknown(runId);
        }
        Function<WorkflowEvent, String> replay = json.get();
        List<Frame> frames = store.events(runId).stream().map(event -> Frame.of(event, replay).earlier())
                .filter(frame -> frame.sequence() > after).toList();
        Subscription subscription = new Subscription(frames, after, Integer.MAX_VALUE);
        subscription.end();
        return subscription;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static long lastEventId(Context ctx) {
        String text = ctx.header("Last-Event-ID");
        String field = "Last-Event-ID";
        if (text == null) {
            text = ctx.queryParam("lastEventId");
            field = "lastEventId";
        }
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ApiException.badRequest(field, "must be the sequence number of the last event received, a whole number");
    }
}
