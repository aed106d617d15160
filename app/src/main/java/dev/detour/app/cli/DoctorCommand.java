package dev.detour.app.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.app.config.DetourConfig;
import dev.detour.app.config.Overrides;
import dev.detour.app.provider.Sources;
import dev.detour.app.resilience.ChainLink;
import dev.detour.app.resilience.ModelChain;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.internal.Durations;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.GenerationOptions;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.SourceRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code detour doctor}: probes every model of the chain and every enabled evidence source at once, with a
 * minimal request or a one-record search, no retries, no circuit breaker and a short timeout of its own, and
 * says which answer, a line per probe as it ends. Exit 0 if at least one model is healthy, 1 if none; a source
 * that is down is reported, since research goes on without it.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Probe every model of the chain and every enabled evidence source once, all at once, and show"
                + " which answer.",
        footerHeading = "%nExample:%n", footer = "  detour doctor --timeout 5s --format json")
final class DoctorCommand implements Callable<Integer> {

    private static final ChatRequest PROBE = ChatRequest.of(ChatMessage.user("Reply with the single word: OK"))
            .withOptions(GenerationOptions.defaults().withMaxOutputTokens(5));
    private static final Logger LOG = LoggerFactory.getLogger(DoctorCommand.class);
    private static final SearchQuery SEARCH_PROBE = SearchQuery.of("tides", 1);
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})\\s*(ms|s|m)?");

    private final CliContext context;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long each probe may take, such as 500ms, 10s or 1m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    FormatOption output = new FormatOption();

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    /** What one probe found. */
    record Probe(ChainLink link, boolean ok, Optional<String> inferenceProvider, Optional<ErrorKind> kind,
            OptionalInt httpStatus, Duration latency, String message) {

        String result() {
            return ok ? "OK" : kind.map(ErrorKind::displayName).orElse("error")
                    + httpStatus.stream().mapToObj(status -> " (HTTP " + status + ")").findFirst().orElse("");
        }
    }

    /** What one search probe found. */
    record SourceProbe(SourceRef source, boolean ok, int hits, Optional<ErrorKind> kind, OptionalInt httpStatus,
            Duration latency, String message) {

        String result() {
            return ok ? "OK" : kind.map(ErrorKind::displayName).orElse("error")
                    + httpStatus.stream().mapToObj(status -> " (HTTP " + status + ")").findFirst().orElse("");
        }
    }

    @Override
    public Integer call() {
        Duration limit = parsedTimeout();
        DetourConfig config = Session.loadConfig(context, configOptions, Overrides.none());
        Session.warnAboutMissingKeys(context, config);
        List<Probe> probes;
        List<SourceProbe> searches = new ArrayList<>();
        try (Session session = Session.open(context, config)) {
            probes = probeAll(session.get(ModelChain.class).links(), session.get(Sources.class).opened(), limit,
                    searches);
        } catch (CancellationException cancelled) {
            context.err().println("detour doctor: stopped before every probe ended");
            return ExitCodes.INTERRUPTED;
        }
        long healthy = probes.stream().filter(Probe::ok).count();
        long answering = searches.stream().filter(SourceProbe::ok).count();
        if (output.json()) {
            context.out().println(json(probes, healthy, searches, answering, limit));
        } else {
            TextTable table = new TextTable("model", "inference provider", "result", "latency", "provider message");
            probes.forEach(probe -> table.row(probe.link().model(), probe.inferenceProvider().orElse("-"),
                    probe.result(), Durations.human(probe.latency()), probe.message()));
            context.out().print(table.render(""));
            context.out().println(healthy + " of " + probes.size() + " models answered"
                    + (healthy == 0 ? "; run `detour models` to check base URLs and keys" : "."));
            if (!searches.isEmpty()) {
                TextTable sources = new TextTable("source", "result", "latency", "source message");
                searches.forEach(probe -> sources.row(probe.source(), probe.result(), Durations.human(probe.latency()),
                        probe.message()));
                context.out().print(sources.render(""));
                context.out().println(answering + " of " + searches.size() + " sources answered"
                        + (answering < searches.size() ? "; research goes on with the others" : "."));
            }
        }
        return healthy > 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    private List<Probe> probeAll(List<ChainLink> links, List<Sources.Opened> sources, Duration limit,
            List<SourceProbe> searches) {
        ProbeDisplay display = new ProbeDisplay(context, links.size() + sources.size(), Clock.systemUTC());
        context.err().println("detour doctor: probing " + links.size() + (links.size() == 1 ? " model" : " models")
                + (sources.isEmpty() ? "" : " and " + sources.size() + (sources.size() == 1 ? " source" : " sources"))
                + " at once, each for at most " + Durations.human(limit) + " (--timeout)");
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                Ticker ticker = Ticker.every(Duration.ofSeconds(1), context.interactive(), display::tick)) {
            List<Future<Probe>> futures = new ArrayList<>();
            for (ChainLink link : links) {
                futures.add(executor.submit(() -> display.ended(probe(link, limit))));
            }
            List<Future<SourceProbe>> searching = new ArrayList<>();
            for (Sources.Opened source : sources) {
                searching.add(executor.submit(() -> display.ended(probe(source, limit))));
            }
            List<Probe> probes = new ArrayList<>();
            for (Future<Probe> future : futures) {
                probes.add(await(future));
            }
            for (Future<SourceProbe> future : searching) {
                searches.add(await(future));
            }
            display.finish();
            return probes;
        }
    }

    private static SourceProbe probe(Sources.Opened source, Duration limit) {
        long start = System.nanoTime();
        try {
            List<EvidenceRecord> records = source.adapter().search(SEARCH_PROBE,
                    CallContext.none().withDeadline(Instant.now().plus(limit)));
            return new SourceProbe(source.source(), true, records.size(), Optional.empty(), OptionalInt.empty(),
                    since(start), records.size() + (records.size() == 1 ? " record" : " records"));
        } catch (SearchFailedException failure) {
            Duration latency = since(start);
            String message = failure.kind() == ErrorKind.TIMEOUT && latency.compareTo(limit) >= 0
                    ? "no answer within " + Durations.human(limit) + " (raise --timeout to wait longer)"
                    : failure.detail().isEmpty() ? failure.summary() : failure.detail();
            return new SourceProbe(source.source(), false, 0, Optional.of(failure.kind()), failure.httpStatus(), latency,
                    message);
        } catch (CancellationException cancelled) {
            return new SourceProbe(source.source(), false, 0, Optional.empty(), OptionalInt.empty(), since(start),
                    "cancelled");
        } catch (RuntimeException unexpected) {
            LOG.debug("probe of {} failed unexpectedly", source.source(), unexpected);
            return new SourceProbe(source.source(), false, 0, Optional.empty(), OptionalInt.empty(), since(start),
                    "unexpected " + unexpected.getClass().getSimpleName()
                            + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage()));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a probe failed unexpectedly", e.getCause());
        }
    }

    private static Probe probe(ChainLink link, Duration limit) {
        long start = System.nanoTime();
        try {
            ChatResponse answer = link.port().chat(PROBE, CallContext.none().withDeadline(Instant.now().plus(limit)));
            return new Probe(link, true, answer.inferenceProvider(), Optional.empty(), OptionalInt.empty(),
                    since(start), answer.text().strip());
        } catch (ModelCallException failure) {
            Duration latency = since(start);
            String message = failure.kind() == ErrorKind.TIMEOUT && latency.compareTo(limit) >= 0
                    ? "no answer within " + Durations.human(limit) + " (raise --timeout to wait longer)"
                    : failure.detail();
            return new Probe(link, false, failure.inferenceProvider(), Optional.of(failure.kind()), failure.httpStatus(),
                    latency, message);
        } catch (CancellationException cancelled) {
            return new Probe(link, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), since(start),
                    "cancelled");
        } catch (RuntimeException unexpected) {
            LOG.debug("probe of {} failed unexpectedly", link.model(), unexpected);
            return new Probe(link, false, Optional.empty(), Optional.empty(), OptionalInt.empty(), since(start),
                    "unexpected " + unexpected.getClass().getSimpleName()
                            + (unexpected.getMessage() == null ? "" : ": " + unexpected.getMessage()));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private Duration parsedTimeout() {
        Matcher matcher = DURATION.matcher(timeout.strip());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new UsageProblem("detour doctor: --timeout " + timeout
                    + " is not a duration; use a positive number with a unit, such as 500ms, 10s or 1m");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String json(List<Probe> probes, long healthy, List<SourceProbe> searches, long answering,
            Duration limit) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode json = mapper.createObjectNode().put("timeoutMs", limit.toMillis())
                .put("answered", healthy).put("probed", probes.size());
        ArrayNode items = json.putArray("models");
        for (Probe probe : probes) {
            ObjectNode item = items.addObject().put("model", probe.link().model().toString()).put("ok", probe.ok());
            probe.inferenceProvider().ifPresent(provider -> item.put("inferenceProvider", provider));
            probe.kind().ifPresent(kind -> item.put("kind", kind.displayName()));
            probe.httpStatus().ifPresent(status -> item.put("httpStatus", status));
            item.put("latencyMs", probe.latency().toMillis()).put("message", probe.message());
        }
        json.put("sourcesAnswered", answering).put("sourcesProbed", searches.size());
        ArrayNode sources = json.putArray("sources");
        for (SourceProbe probe : searches) {
            ObjectNode item = sources.addObject().put("source", probe.source().name()).put("ok", probe.ok());
            if (probe.ok()) {
                item.put("hits", probe.hits());
            }
            probe.kind().ifPresent(kind -> item.put("kind", kind.displayName()));
            probe.httpStatus().ifPresent(status -> item.put("httpStatus", status));
            item.put("latencyMs", probe.latency().toMillis()).put("message", probe.message());
        }
        return json.toPrettyString();
    }

    /** The live part on standard error: a line per probe as it ends, and on a terminal a line for those still out. */
    private static final class ProbeDisplay {

        private static final String CLEAR_LINE = "\r\033[2K";

        private final CliContext context;
        private final int total;
        private final Instant start;
        private final Clock clock;
        private int ended;

        ProbeDisplay(CliContext context, int total, Clock clock) {
            this.context = context;
            this.total = total;
            this.clock = clock;
            this.start = clock.instant();
        }

        synchronized Probe ended(Probe probe) {
            line(probe.ok(), probe.link().model() + probe.inferenceProvider().map(provider -> " via " + provider)
                    .orElse("") + ": " + probe.result() + " in " + Durations.human(probe.latency()));
            return probe;
        }

        synchronized SourceProbe ended(SourceProbe probe) {
            line(probe.ok(), "source " + probe.source() + ": " + probe.result() + " in " + Durations.human(probe.latency()));
            return probe;
        }

        private void line(boolean ok, String text) {
            ended++;
            Marks marks = context.marks();
            clear();
            context.err().println("  " + (ok ? marks.done() : marks.failed()) + " " + text);
            status();
        }

        synchronized void tick() {
            clear();
            status();
        }

        synchronized void finish() {
            clear();
            context.err().flush();
        }

        private void clear() {
            if (context.interactive()) {
                context.err().print(CLEAR_LINE);
            }
        }

        private void status() {
            if (context.interactive() && ended < total) {
                long seconds = Duration.between(start, clock.instant()).toSeconds();
                context.err().print(context.marks().inFlight() + " " + (total - ended) + " of " + total
                        + " probes still waiting (" + seconds + " s)");
            }
            context.err().flush();
        }
    }
}
