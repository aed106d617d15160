package dev.detour.adapters.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.core.internal.Require;
import dev.detour.core.model.ModelRef;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.ProviderType;
import dev.detour.transport.Credential;
import dev.detour.transport.HttpTransport;
import dev.detour.transport.RefusalAdvice;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code anthropic} provider type: Anthropic's Messages API, its key sent as {@code x-api-key} and nowhere
 * else. Registered in this module's {@code META-INF/services}; the app finds it there, so do not instantiate it
 * to wire it.
 */
public final class AnthropicProviderType implements ProviderType {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public List<Option<?>> options() {
        return HttpLimits.OPTIONS;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(AnthropicSettings.DEFAULT_BASE_URL);
    }

    @Override
    public ModelProvider open(AdapterSettings settings, AdapterKey key) {
        return open(AnthropicSettings.from(settings, key), Clock.systemUTC());
    }

    static ModelProvider open(AnthropicSettings settings, Clock clock) {
        HttpTransport transport = HttpTransport.create(settings.providerName(), settings.baseUrl(), settings.limits(),
                settings.apiKey().map(key -> Credential.header("x-api-key", key)).orElse(Credential.none()));
        RefusalAdvice advice = new RefusalAdvice(settings.providerName(), settings.baseUrl(), "v1/messages",
                settings.apiKey().isPresent(), settings.apiKeyVariable());
        ObjectMapper json = new ObjectMapper();
        return ModelProvider.of(modelId -> new AnthropicModelPort(transport, new ModelCodec(json, new RequestMapper(json),
                new FailureMapper(ModelRef.of(settings.providerName(), Require.nonBlank(modelId, "modelId")), advice, clock))),
                transport::close);
    }
}
