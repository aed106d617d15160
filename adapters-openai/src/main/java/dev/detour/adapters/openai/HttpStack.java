package dev.detour.adapters.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
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

    private final OkHttpClient client;
    private final ChatCompletionsApi api;

    HttpStack(OpenAiSettings settings, ObjectMapper json) {
        HttpUrl base = HttpUrl.get(settings.baseUrl() + "/");
        Dispatcher dispatcher = new Dispatcher(executor(settings.providerName()));
        dispatcher.setMaxRequests(settings.maxConcurrentCalls());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrentCalls());
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(settings.maxConcurrentCalls(), 5, TimeUnit.MINUTES))
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
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("detour-" + providerName + "-http-", 1).factory());
    }
}
