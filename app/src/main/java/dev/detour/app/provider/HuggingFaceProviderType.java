package dev.detour.app.provider;

import dev.detour.adapters.huggingface.HuggingFaceProvider;
import dev.detour.adapters.huggingface.HuggingFaceSettings;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import java.util.Set;

/** The {@code huggingface} provider type: the Hugging Face Inference Providers router. */
final class HuggingFaceProviderType implements ProviderType {

    private static final Set<String> OPTIONS =
            Set.of("route.*", "connect-timeout", "read-timeout", "call-timeout", "max-response-bytes",
                    "max-concurrent-calls");

    @Override
    public Set<String> optionKeys() {
        return OPTIONS;
    }

    @Override
    public ModelProvider open(ProviderConfig config, Environment environment) {
        HuggingFaceSettings settings = HuggingFaceSettings.of(config.name(), config.baseUrl(), config.allowInsecureHttp())
                .withOptions(config.options());
        settings = config.tokenEnv().isPresent()
                ? settings.withTokenFrom(config.tokenEnv().get(), environment::get)
                : settings.withoutToken();
        HuggingFaceProvider provider = HuggingFaceProvider.create(settings);
        return ModelProvider.of(provider::model, provider::close);
    }
}
