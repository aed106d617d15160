package dev.detour.app.provider;

import dev.detour.adapters.openai.OpenAiProvider;
import dev.detour.adapters.openai.OpenAiSettings;
import dev.detour.adapters.openai.TokenLimitField;
import dev.detour.app.config.Environment;
import dev.detour.app.config.ProviderConfig;
import dev.detour.core.secret.Secret;
import dev.detour.core.wire.RetryWait;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The {@code openai} provider type: OpenAI and every OpenAI-compatible server. */
final class OpenAiProviderType implements ProviderType {

    private static final Set<String> OPTIONS =
            Set.of("token-limit-field", "connect-timeout", "read-timeout", "call-timeout", "max-response-bytes",
                    "max-concurrent-calls");

    @Override
    public Set<String> optionKeys() {
        return OPTIONS;
    }

    @Override
    public ModelProvider open(ProviderConfig config, Environment environment) {
        OpenAiSettings.Builder settings = OpenAiSettings.builder()
                .providerName(config.name())
                .baseUrl(config.baseUrl())
                .allowInsecureHttp(config.allowInsecureHttp());
        config.tokenEnv().ifPresent(variable -> {
            settings.apiKeyVariable(variable);
            environment.variable(variable).ifPresent(key -> settings.apiKey(Secret.of(key)));
        });
        for (Map.Entry<String, String> option : config.options().entrySet()) {
            String value = option.getValue().strip();
            switch (option.getKey()) {
                case "token-limit-field" -> settings.tokenLimitField(TokenLimitField.fromWireName(value));
                case "connect-timeout" -> settings.connectTimeout(duration(config, option.getKey(), value));
                case "read-timeout" -> settings.readTimeout(duration(config, option.getKey(), value));
                case "call-timeout" -> settings.callTimeout(duration(config, option.getKey(), value));
                case "max-response-bytes" -> settings.maxResponseBytes(number(config, option.getKey(), value));
                case "max-concurrent-calls" -> settings.maxConcurrentCalls((int) number(config, option.getKey(), value));
                default -> throw new IllegalArgumentException("providers." + config.name() + "." + option.getKey()
                        + ": not an option of type openai; known options: " + OPTIONS);
            }
        }
        OpenAiProvider provider = OpenAiProvider.create(settings.build());
        return ModelProvider.of(provider::model, provider::close);
    }

    private static long number(ProviderConfig config, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("providers." + config.name() + "." + key
                    + ": \"" + value + "\" is not a whole number", e);
        }
    }

    private static Duration duration(ProviderConfig config, String key, String value) {
        return RetryWait.goDuration(value)
                .filter(duration -> !duration.isZero() && !value.strip().matches("[0-9.]+"))
                .orElseThrow(() ->
                new IllegalArgumentException("providers." + config.name() + "." + key
                        + ": \"" + value + "\" is not a duration (use a number with a unit: 500ms, 30s, 5m)"));
    }
}
