package dev.detour.app.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.core.workflow.RunQuery;
import dev.detour.core.workflow.RunStore;
import dev.detour.core.workflow.RunSummary;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** {@code /v1/runs}: start, list, read, cancel and resume research runs. */
final class RunsApi {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final LiveRuns runs;
    private final RunStore store;
    private final RunRequestReader reader;
    private final RunViews views;
    private final Replies replies;
    private final BiFunction<UnaryOperator<String>, Supplier<LiveRun>, LiveRun> withinCaller;

    /** @param withinCaller starts a run with the span a request's trace context headers name as its parent */
    RunsApi(LiveRuns runs, RunStore store, RunRequestReader reader, RunViews views, Replies replies,
            BiFunction<UnaryOperator<String>, Supplier<LiveRun>, LiveRun> withinCaller) {
        this.runs = runs;
        this.store = store;
        this.reader = reader;
        this.views = views;
        this.replies = replies;
        this.withinCaller = withinCaller;
    }

    void start(Context ctx) {
        RunRequest request = reader.read(replies.body(ctx));
        LiveRun live = withinCaller.apply(ctx::header, () -> runs.start(request));
        accepted(ctx, live.runId(), "running");
    }

    void list(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        Optional<RunStatusName> status = status(ctx.queryParam("status"));
        List<Listed> listed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LiveRun live : runs.all()) {
            ObjectNode summary = views.summary(live);
            if (status.map(wanted -> wanted.apiName().equals(summary.get("status").asText())).orElse(true)) {
                listed.add(new Listed(live.started(), () -> summary));
            }
            seen.add(live.runId());
        }
        Optional<RunSummary.Status> storedStatus = status.flatMap(RunStatusName::stored);
        if (status.isEmpty() || storedStatus.isPresent()) {
            RunQuery query = RunQuery.newest(limit + seen.size());
            for (RunSummary summary : store.list(storedStatus.map(query::withStatus).orElse(query))) {
                if (seen.add(summary.runId())) {
                    listed.add(new Listed(summary.started(), () -> views.summary(summary)));
                }
            }
        }
        listed.sort(Comparator.comparing(Listed::startedAt).reversed());
        ObjectNode json = replies.mapper().createObjectNode();
        ArrayNode items = json.putArray("runs");
        listed.stream().limit(limit).forEach(item -> items.add(item.summary().get()));
        replies.json(ctx, 200, json);
    }

    void get(Context ctx) {
        String runId = ctx.pathParam("id");
        Optional<LiveRun> live = runs.find(runId);
        if (live.isPresent()) {
            replies.json(ctx, 200, views.detail(live.get()));
            return;
        }
        replies.json(ctx, 200, views.detail(store.find(runId).orElseThrow(() -> unknown(runId))));
    }

    void cancel(Context ctx) {
        String runId = ctx.pathParam("id");
        Optional<LiveRun> live = runs.find(runId);
        if (live.isPresent() && !live.get().isDone()) {
            live.get().cancel();
            accepted(ctx, runId, "cancelling");
            return;
        }
        if (live.isPresent() || store.find(runId).isPresent()) {
            throw ApiException.conflict("run " + runId + " is not running here, so there is nothing to cancel");
        }
        throw unknown(runId);
    }

    void resume(Context ctx) {
        String runId = ctx.pathParam("id");
        OptionalLong budget = reader.readBudgetOnly(replies.body(ctx));
        LiveRun live = withinCaller.apply(ctx::header, () -> runs.resume(runId, budget));
        accepted(ctx, live.runId(), "running");
    }

    private void accepted(Context ctx, String runId, String status) {
        ObjectNode json = replies.mapper().createObjectNode().put("id", runId).put("status", status);
        json.set("links", views.links(runId));
        ctx.header("Location", "/v1/runs/" + runId);
        replies.json(ctx, 202, json);
    }

    static ApiException unknown(String runId) {
        return ApiException.notFound("there is no run " + runId + "; list the runs with GET /v1/runs");
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw ApiException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Optional<RunStatusName> status(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(RunStatusName.parse(text).orElseThrow(() -> ApiException.badRequest("status",
                "must be one of running, completed, failed, cancelled, budget_exhausted, unfinished")));
    }

    /** A listed run; a stored one's summary is written only if it makes the page, since its cost reads the whole run. */
    private record Listed(Instant startedAt, Supplier<ObjectNode> summary) {}
}
