package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.Optional;
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
 * The HTTP machinery shared by every model of one provider: one OkHttp client (token bound to the
 * configured origin, no redirects, no silent retries, bounded bodies), one Retrofit service, one JSON mapper.
 */
final class RouterClient implements AutoCloseable {

    private final HttpUrl baseUrl;
    private final ObjectMapper json;
    private final OkHttpClient http;
    private final RouterApi api;
    private volatile boolean closed;

    private RouterClient(HttpUrl baseUrl, ObjectMapper json, OkHttpClient http, RouterApi api) {
        this.baseUrl = baseUrl;
        this.json = json;
        this.http = http;
        this.api = api;
    }

    static RouterClient create(HuggingFaceSettings settings) {
        HttpUrl baseUrl = HttpUrl.get(settings.baseUrl().toString());
        if (!baseUrl.encodedPath().endsWith("/")) {
            baseUrl = baseUrl.newBuilder().addPathSegment("").build();
        }
        ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
                        .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Dispatcher dispatcher = new Dispatcher(executor(settings.providerName()));
        dispatcher.setMaxRequests(settings.maxConcurrentCalls());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrentCalls());
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(settings.maxConcurrentCalls(), 5, TimeUnit.MINUTES))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .addInterceptor(new OriginBoundBearer(baseUrl, settings.token().orElse(null)))
                .addInterceptor(new ResponseSizeLimit(settings.maxResponseBytes()))
                .addNetworkInterceptor(new NoSilentRetry())
                .build();
        RouterApi api = new Retrofit.Builder()
                .baseUrl(baseUrl)
                .client(http)
                .addConverterFactory(JacksonConverterFactory.create(json))
                .build()
                .create(RouterApi.class);
        return new RouterClient(baseUrl, json, http, api);
    }

    HttpUrl baseUrl() {
        return baseUrl;
    }

    ObjectMapper json() {
        return json;
    }

    /** Starts a call of {@code body} to {@code endpoint}; {@code what} names it in a cancellation message. */
    Exchange send(Endpoint endpoint, ChatCompletionRequest body, boolean stream, String what,
            Optional<Instant> deadline) {
        if (closed) {
            throw new IllegalStateException("the Hugging Face provider of " + what + " is closed; create a new one");
        }
        String accept = stream ? "text/event-stream" : "application/json";
        return Exchange.start(AttemptDeadline.apply(api.chatCompletions(endpoint.url(), accept, body), deadline), what);
    }

    @Override
    public void close() {
        closed = true;
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static ExecutorService executor(String providerName) {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("detour-" + providerName + "-http-", 1).factory());
    }
}
