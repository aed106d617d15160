package dev.detour.adapters.openai;

import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.spi.ModelProvider;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.ProviderType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code openai} provider type: OpenAI and every OpenAI-compatible server. Registered in this module's
 * {@code META-INF/services}; the app finds it there, so do not instantiate it to wire it.
 */
public final class OpenAiProviderType implements ProviderType {

    static final Option<TokenLimitField> TOKEN_LIMIT_FIELD = Option.of("token-limit-field", TokenLimitField::fromWireName);

    private static final List<Option<?>> OPTIONS =
            Stream.concat(Stream.<Option<?>>of(TOKEN_LIMIT_FIELD), HttpLimits.OPTIONS.stream()).toList();

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<Option<?>> options() {
        return OPTIONS;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(OpenAiSettings.OPENAI_BASE_URL);
    }

    @Override
    public ModelProvider open(AdapterSettings settings, AdapterKey key) {
        OpenAiProvider provider = OpenAiProvider.create(OpenAiSettings.from(settings, key));
        return ModelProvider.of(provider::model, provider::close);
    }
}
