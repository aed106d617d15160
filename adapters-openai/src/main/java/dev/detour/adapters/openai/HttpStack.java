package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The HTTP client of one provider: timeouts, no redirects (the key must not follow one), no silent
 * retries (OkHttp would resend after a 408, a 503 with a zero wait or a dropped connection; retrying is
 * the chain's decision), the size cap, the bearer key for the provider's own origin, and daemon threads
 * that {@link #close()} releases.
 */
final class HttpStack implements AutoCloseable {

    /** Concurrent calls per provider before OkHttp queues them; workflows bound their own parallelism. */
    private static final int MAX_CONCURRENT_CALLS = 64;

    private final OkHttpClient client;
    private final ChatCompletionsApi api;

    HttpStack(OpenAiSettings settings, ObjectMapper json) {
        HttpUrl base = HttpUrl.get(settings.baseUrl() + "/");
        Dispatcher dispatcher = new Dispatcher(executor(settings.providerName()));
        dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addInterceptor(new ResponseSizeLimit(settings.maxResponseBytes()))
                .addNetworkInterceptor(new NoSilentRetry());
        settings.apiKey().ifPresent(key -> builder.addNetworkInterceptor(new BearerAuth(key, base)));
        this.client = builder.build();
        this.api = new Retrofit.Builder()
                .baseUrl(base)
                .client(client)
                .callbackExecutor(Runnable::run)
                .addConverterFactory(JacksonConverterFactory.create(json))
                .build()
                .create(ChatCompletionsApi.class);
    }

    ChatCompletionsApi api() {
        return api;
    }

    @Override
    public void close() {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static ExecutorService executor(String providerName) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "detour-" + providerName + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }
}
