package dev.detour.core.testing;

import dev.detour.core.evidence.EvidenceId;
import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSources;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.evidence.SourceSearch;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.SourceRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * An in-memory {@link EvidenceSources} test double: per source, queued replies first, then a default reply
 * that echoes the query in as many records as it asks for, with ids stable per source, query and rank. It
 * records every search and the most searches in flight at once. Like a bare adapter, it announces no
 * tries; a reply may announce its own through the context.
 */
public final class ScriptedSources implements EvidenceSources {

    /** One scripted reply: records, or a failure to throw. */
    @FunctionalInterface
    public interface Reply {
        List<EvidenceRecord> search(SearchQuery query, CallContext context) throws InterruptedException;
    }

    private final List<SourceRef> order;
    private final Map<SourceRef, Deque<Reply>> queued = new LinkedHashMap<>();
    private final Map<SourceRef, Reply> defaults = new LinkedHashMap<>();
    private final List<SourceSearch> searches = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private ScriptedSources(List<SourceRef> order) {
        this.order = List.copyOf(order);
        for (SourceRef source : order) {
            queued.put(source, new ArrayDeque<>());
            defaults.put(source, echo(source.name()));
        }
    }

    /** Sources of these names, in this order, each answering with echoed records. */
    public static ScriptedSources of(String... names) {
        return new ScriptedSources(Arrays.stream(names).map(SourceRef::of).toList());
    }

    /** Queues replies of {@code source} used one per search, before its default reply. */
    public synchronized ScriptedSources thenReply(String source, Reply... replies) {
        queue(source).addAll(List.of(replies));
        return this;
    }

    /** Sets the reply {@code source} gives once its queue is empty. */
    public synchronized ScriptedSources byDefault(String source, Reply reply) {
        queue(source);
        defaults.put(SourceRef.of(source), reply);
        return this;
    }

    /** A reply of exactly {@code records}, whatever the query. */
    public static Reply records(EvidenceRecord... records) {
        return (query, context) -> List.of(records);
    }

    /** A reply that throws {@code failure}. */
    public static Reply failing(RuntimeException failure) {
        return (query, context) -> {
            throw failure;
        };
    }

    /** A reply that fails as {@code source} with {@code kind} and HTTP {@code status}, in the source's {@code words}. */
    public static Reply failing(String source, ErrorKind kind, Integer status, String words) {
        return failing(SearchFailedException.builder(kind, source).httpStatus(status).detail(words).build());
    }

    /** The default reply: {@code limit} articles titled after the query, with ids stable per source, query and rank. */
    public static Reply echo(String source) {
        return (query, context) -> IntStream.rangeClosed(1, query.limit())
                .mapToObj(rank -> EvidenceRecord.builder(source, openAlexId(source + "|" + query.text() + "|" + rank),
                                source + " study " + rank + " on " + query.text())
                        .authors(List.of("Author " + rank)).published("2020").venue(source + " journal")
                        .summary("What " + source + " record " + rank + " says about " + query.text() + ".")
                        .build())
                .toList();
    }

    /** An article of {@code source} with id {@code id} (such as {@code PMID:123}) and {@code title}. */
    public static EvidenceRecord article(String source, String id, String title) {
        return EvidenceRecord.builder(source, EvidenceId.parse(id), title).authors(List.of("Ada Lovelace", "Alan Turing"))
                .published("2019-03").venue("Journal of Tests").summary("The abstract of " + title + ".").build();
    }

    private static EvidenceId openAlexId(String seed) {
        return EvidenceId.of(EvidenceId.Scheme.OPENALEX, "W" + (1_000_000L + (seed.hashCode() & 0x7fffffffL)));
    }

    @Override
    public List<SourceRef> sources() {
        return order;
    }

    @Override
    public List<EvidenceRecord> search(SourceRef source, SearchQuery query, CallContext context) {
        Reply reply;
        synchronized (this) {
            if (!order.contains(source)) {
                throw new IllegalArgumentException("no source " + source);
            }
            searches.add(SourceSearch.of(source, query));
            Deque<Reply> mine = queued.get(source);
            reply = mine.isEmpty() ? defaults.get(source) : mine.poll();
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            return reply.search(query, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while searching " + source);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Every search made, in the order they began. */
    public synchronized List<SourceSearch> searches() {
        return List.copyOf(searches);
    }

    /** How many searches of {@code source} were made. */
    public synchronized long searchCount(String source) {
        return searches.stream().filter(search -> search.source().name().equals(source)).count();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private Deque<Reply> queue(String source) {
        Deque<Reply> queue = queued.get(SourceRef.of(source));
        if (queue == null) {
            throw new IllegalArgumentException("no source " + source + " in " + order);
        }
        return queue;
    }
}
