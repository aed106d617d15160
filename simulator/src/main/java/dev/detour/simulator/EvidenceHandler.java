package dev.detour.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the requests under an evidence source's root: records each, answers a wrong path or method and
 * a request the source refuses as that source would, and otherwise lets the scenario pick a behaviour for
 * the source's normal answer and has the {@link Responder} carry it out.
 */
final class EvidenceHandler {

    private final ScenarioPlayer player;
    private final Recorder recorder;
    private final Map<Source, SourceService> services;

    EvidenceHandler(ScenarioPlayer player, Recorder recorder) {
        this.player = player;
        this.recorder = recorder;
        ArticleIndex index = new ArticleIndex();
        this.services = Map.of(
                Source.PUBMED, new PubMedService(index),
                Source.EUROPE_PMC, new EuropePmcService(index),
                Source.CLINICAL_TRIALS, new ClinicalTrialsService(),
                Source.OPENALEX, new OpenAlexService(index));
    }

    void serve(HttpExchange exchange, Source source, Instant receivedAt, String body) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getRawPath();
        Optional<String> endpoint = source.endpointAt(path);
        recorder.record(exchange, receivedAt, body, "", endpoint.map(name -> SourceKey.of(source, name).toString()).orElse(""));
        if (endpoint.isEmpty()) {
            refuse(exchange, 404, "there is no " + source.key() + " endpoint at " + path + "; the simulator serves "
                    + String.join(", ", source.paths()));
            return;
        }
        String method = exchange.getRequestMethod();
        boolean formsAllowed = source == Source.PUBMED;
        if (!method.equals("GET") && !(formsAllowed && method.equals("POST"))) {
            exchange.getResponseHeaders().set("Allow", formsAllowed ? "GET, POST" : "GET");
            refuse(exchange, 405, method + " is not allowed here; use GET" + (formsAllowed ? " or a form POST" : ""));
            return;
        }
        switch (services.get(source).answer(SourceRequest.of(exchange, endpoint.get(), body))) {
            case SourceService.Refusal refusal -> Responder.send(exchange, refusal.status(), refusal.contentType(),
                    refusal.body().getBytes(StandardCharsets.UTF_8));
            case EvidenceAnswer answer -> {
                ScenarioPlayer.SourceTurn turn = player.next(SourceKey.of(source, endpoint.get()));
                Responder.respond(exchange, turn.behaviour(), answer, turn.dice());
            }
        }
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        Responder.send(exchange, status, ContentTypes.TEXT, message.getBytes(StandardCharsets.UTF_8));
    }
}
