package dev.detour.adapters.huggingface;

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
 * The {@code huggingface} provider type: the Hugging Face Inference Providers router. Registered in this
 * module's {@code META-INF/services}; the app finds it there, so do not instantiate it to wire it.
 */
public final class HuggingFaceProviderType implements ProviderType {

    /** {@code route.<provider>}: an inference provider pinned to a legacy proxy path, as {@link HuggingFaceSettings#withProviderRoute}. */
    static final Option<String> ROUTE = Option.family("route.", "provider", (provider, text) -> {
        String route = text.strip();
        HuggingFaceSettings.checkRoute(provider, route);
        return route;
    });

    private static final List<Option<?>> OPTIONS =
            Stream.concat(Stream.<Option<?>>of(ROUTE), HttpLimits.OPTIONS.stream()).toList();

    @Override
    public String name() {
        return "huggingface";
    }

    @Override
    public List<Option<?>> options() {
        return OPTIONS;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(HuggingFaceSettings.DEFAULT_BASE_URL);
    }

    @Override
    public ModelProvider open(AdapterSettings settings, AdapterKey key) {
        HuggingFaceProvider provider = HuggingFaceProvider.create(HuggingFaceSettings.from(settings, key));
        return ModelProvider.of(provider::model, provider::close);
    }
}
