package dev.detour.adapters.huggingface;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.transport.Credential;
import dev.detour.transport.HttpTransport;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The Hugging Face Inference Providers router as configured once: build it from
 * {@link HuggingFaceSettings}, then ask it for a {@link ModelPort} per model id, such as
 * {@code Qwen/Qwen2.5-72B-Instruct:novita}. Ports share one HTTP transport (connections, threads, the
 * concurrency limit) and must not be used after {@link #close()}.
 *
 * <p>Each port reports the inference provider that served (the router's {@code x-inference-provider}
 * header, else the {@code :provider} suffix) and throws every failure as the
 * {@link dev.detour.core.model.ModelCallException} of the right kind. It does not retry or fall back: that
 * is the resilience chain's job.
 */
public final class HuggingFaceProvider implements AutoCloseable {

    private final HuggingFaceSettings settings;
    private final HttpTransport transport;
    private final ObjectMapper json;
    private final ChatCompletionsApi api;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HuggingFaceProvider(HuggingFaceSettings settings, Clock clock) {
        this.settings = settings;
        this.transport = HttpTransport.create(settings.providerName(), settings.baseUrl(), settings.limits(),
                settings.token().map(Credential::bearer).orElse(Credential.none()));
        this.json = JsonMapper.builder(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build()).build();
        this.api = new Retrofit.Builder().baseUrl(transport.baseUrl()).callFactory(transport.callFactory())
                .addConverterFactory(JacksonConverterFactory.create(json)).build().create(ChatCompletionsApi.class);
        this.clock = clock;
    }

    /** A provider calling the router as {@code settings} say. */
    public static HuggingFaceProvider create(HuggingFaceSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    static HuggingFaceProvider create(HuggingFaceSettings settings, Clock clock) {
        return new HuggingFaceProvider(Require.nonNull(settings, "settings"), Require.nonNull(clock, "clock"));
    }

    /**
     * The port of one model, named as the router knows it: {@code org/name}, or {@code org/name:<provider>}
     * to pin an inference provider, or {@code org/name:<policy>} ({@code fastest}, {@code cheapest},
     * {@code preferred}).
     *
     * @throws IllegalArgumentException if {@code modelId} is not such an id
     * @throws IllegalStateException if this provider is closed
     */
    public ModelPort model(String modelId) {
        if (closed.get()) {
            throw new IllegalStateException("the Hugging Face provider \"" + settings.providerName()
                    + "\" is closed; create a new one to call " + modelId);
        }
        return new HuggingFaceModelPort(settings, transport, api, json, modelId, clock);
    }

    /** The settings this provider was built from. */
    public HuggingFaceSettings settings() {
        return settings;
    }

    /** Cancels calls in flight and releases threads and connections. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "HuggingFaceProvider[" + settings.providerName() + " at " + settings.baseUrl() + "]";
    }
}
