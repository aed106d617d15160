package dev.detour.transport;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * One provider's OkHttp client split into shards of {@value #CALLS_PER_SHARD} concurrent-call slots each,
 * each with its own connection pool and dispatcher, because both look through all their connections or
 * calls on every call: at thousands of calls in flight one pool would spend more CPU searching than
 * sending. A call goes through the shard of the slot it holds, so a shard's calls holding slots, and the
 * connections they need, are no more than its slots, and the provider's no more than its
 * {@code max-concurrent-calls}. The slots are the limit: a shard's dispatcher, which only platform callers go
 * through, would not hold back a call that has a slot. Each shard comes in two views over the same pool and
 * dispatcher: with the configured call timeout, and without it for a call whose caller's deadline ends it
 * sooner, which then is not put in Okio's timeout queue.
 */
final class ClientShards {

    static final int CALLS_PER_SHARD = 128;

    private final OkHttpClient[] clients;
    private final OkHttpClient[] deadlineBound;
    private final ExecutorService executor;

    /** Shards of {@code configured} (timeouts, interceptors) for {@code maxConcurrentCalls}, dispatching on {@code executor}. */
    ClientShards(OkHttpClient.Builder configured, int maxConcurrentCalls, ExecutorService executor) {
        this.executor = executor;
        this.clients = new OkHttpClient[(maxConcurrentCalls + CALLS_PER_SHARD - 1) / CALLS_PER_SHARD];
        this.deadlineBound = new OkHttpClient[clients.length];
        OkHttpClient base = configured.build();
        for (int shard = 0; shard < clients.length; shard++) {
            int slots = Math.min(CALLS_PER_SHARD, maxConcurrentCalls - shard * CALLS_PER_SHARD);
            Dispatcher dispatcher = new Dispatcher(executor);
            dispatcher.setMaxRequests(maxConcurrentCalls);
            dispatcher.setMaxRequestsPerHost(maxConcurrentCalls);
            clients[shard] = base.newBuilder().dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(slots, 5, TimeUnit.MINUTES)).build();
            deadlineBound[shard] = clients[shard].newBuilder().callTimeout(Duration.ZERO).build();
        }
    }

    /**
     * The shard of call slot {@code slot}; without the call timeout if {@code deadlineFirst}, that is if the
     * caller's own deadline ends the call before the call timeout would.
     */
    OkHttpClient forSlot(int slot, boolean deadlineFirst) {
        return (deadlineFirst ? deadlineBound : clients)[slot / CALLS_PER_SHARD];
    }

    /** Cancels calls in flight and releases connections and threads. */
    void close() {
        for (OkHttpClient client : clients) {
            client.dispatcher().cancelAll();
            client.connectionPool().evictAll();
        }
        executor.shutdown();
    }
}
