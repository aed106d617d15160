package dev.detour.adapters.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.transport.Credential;
import dev.detour.transport.HttpTransport;
import java.time.Clock;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * One configured OpenAI-compatible provider: it holds the HTTP connections and hands out a
 * {@link ModelPort} per model id. Create one per provider of the configuration and {@link #close()} it
 * when the application stops.
 *
 * <p>Ports of one provider share its connections, threads and what it learned about token-limit
 * fields; do not create a provider per call. Ports throw {@link IllegalStateException} once the
 * provider is closed.
 */
public final class OpenAiProvider implements AutoCloseable {

    private final OpenAiSettings settings;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpTransport transport;
    private final ChatCompletionsApi api;
    private final TokenFieldChoices tokenFields;
    private volatile boolean closed;

    OpenAiProvider(OpenAiSettings settings, Clock clock) {
        this.settings = Require.nonNull(settings, "settings");
        this.clock = Require.nonNull(clock, "clock");
        this.json = JsonMapper.builder(JsonFactory.builder()
                        .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.transport = HttpTransport.create(settings.providerName(), settings.baseUrl(), settings.limits(),
                settings.apiKey().map(Credential::bearer).orElse(Credential.none()));
        this.api = new Retrofit.Builder()
                .baseUrl(transport.baseUrl())
                .callFactory(transport.callFactory())
                .addConverterFactory(JacksonConverterFactory.create(json))
                .build()
                .create(ChatCompletionsApi.class);
        this.tokenFields = new TokenFieldChoices(settings.tokenLimitField());
    }

    /** A provider for {@code settings}; its connections open lazily, on the first call. */
    public static OpenAiProvider create(OpenAiSettings settings) {
        return new OpenAiProvider(settings, Clock.systemUTC());
    }

    /**
     * The port for model {@code modelId}, kept whole as the provider knows it (such as {@code gpt-4o-mini}
     * or Ollama's {@code llama3:8b}).
     */
    public ModelPort model(String modelId) {
        ModelRef model = ModelRef.of(settings.providerName(), Require.nonBlank(modelId, "modelId"));
        FailureMapper failures = new FailureMapper(model, settings, clock);
        return new OpenAiModelPort(model, transport, api,
                new ModelCodec(json, new RequestMapper(json), failures, new Answers(model, failures)), tokenFields,
                () -> closed);
    }

    /** The settings this provider was created with. */
    public OpenAiSettings settings() {
        return settings;
    }

    /** Cancels calls in flight and releases connections and threads. */
    @Override
    public void close() {
        closed = true;
        transport.close();
    }

    @Override
    public String toString() {
        return "OpenAiProvider[" + settings.providerName() + " at " + settings.baseUrl() + ", key "
                + (settings.apiKey().isPresent() ? "from " + settings.keySourceForMessages() : "none") + "]";
    }
}
