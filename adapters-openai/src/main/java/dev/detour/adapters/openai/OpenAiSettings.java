package dev.detour.adapters.openai;

import dev.detour.core.internal.Require;
import dev.detour.core.secret.Secret;
import dev.detour.core.spi.AdapterKey;
import dev.detour.core.spi.AdapterSettings;
import dev.detour.core.spi.HttpLimits;
import dev.detour.core.wire.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach one OpenAI-compatible provider: its configured name, base URL, key, output-token field,
 * timeouts and response size cap. Build it with {@link #builder()}; every check runs when it is built,
 * so a bad configuration fails at start-up with a message that says what to change.
 *
 * <p>Do not read the key from a configuration file into {@link Builder#apiKey(Secret)}: take it from the
 * environment and pass the variable's name to {@link Builder#apiKeyVariable(String)} so messages can
 * name it. Plain {@code http://} is refused for non-loopback hosts unless
 * {@link Builder#allowInsecureHttp(boolean)} says otherwise.
 *
 * @param providerName the provider's name in the configuration, such as {@code openai} or {@code local}
 * @param baseUrl the API root that {@code /chat/completions} is appended to, without a trailing slash
 * @param apiKey the key sent as {@code Authorization: Bearer}; empty for local servers that need none
 * @param apiKeyVariable the environment variable the key came from, named in messages (never the key)
 * @param tokenLimitField which field carries the output-token limit
 * @param allowInsecureHttp whether {@code http://} may be used for a host that is not loopback
 * @param limits the timeouts, the response size cap and the most calls in flight at once
 */
public record OpenAiSettings(
        String providerName,
        URI baseUrl,
        Optional<Secret> apiKey,
        Optional<String> apiKeyVariable,
        TokenLimitField tokenLimitField,
        boolean allowInsecureHttp,
        HttpLimits limits) {

    /** OpenAI's own API root. */
    public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");

    public OpenAiSettings {
        Require.nonBlank(providerName, "providerName");
        if (providerName.contains(":") || !providerName.equals(providerName.strip())) {
            throw new IllegalArgumentException("providerName must have no ':' and no surrounding whitespace, was \""
                    + providerName + "\"");
        }
        baseUrl = checkedBaseUrl(Require.nonNull(baseUrl, "baseUrl"), allowInsecureHttp);
        Require.nonNull(apiKey, "apiKey");
        Require.nonNull(apiKeyVariable, "apiKeyVariable");
        apiKeyVariable.ifPresent(name -> Require.nonBlank(name, "apiKeyVariable"));
        Require.nonNull(tokenLimitField, "tokenLimitField");
        Require.nonNull(limits, "limits");
    }

    /** A builder with OpenAI's defaults: provider {@code openai} at {@link #OPENAI_BASE_URL}, no key. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings of a configured provider of type {@code openai}: its name, base URL and insecure-http
     * permission, the key, and the options {@code token-limit-field} and those of {@link HttpLimits}; what
     * an option leaves out takes the builder's default.
     *
     * @throws IllegalArgumentException naming the option or value that is wrong
     */
    public static OpenAiSettings from(AdapterSettings settings, AdapterKey key) {
        Require.nonNull(settings, "settings");
        Require.nonNull(key, "key");
        Builder builder = builder()
                .providerName(settings.name())
                .baseUrl(settings.baseUrl())
                .allowInsecureHttp(settings.allowInsecureHttp())
                .limits(HttpLimits.MODEL_CALLS.withOptionsOf(settings));
        key.variable().ifPresent(builder::apiKeyVariable);
        key.secret().ifPresent(builder::apiKey);
        settings.option(OpenAiProviderType.TOKEN_LIMIT_FIELD).ifPresent(builder::tokenLimitField);
        return builder.build();
    }

    /** Where a key would come from, in the words of a refusal's advice: the variable's name, or the provider's token-env. */
    String keySourceForMessages() {
        return apiKeyVariable.map(name -> "the environment variable " + name)
                .orElse("the token-env variable of provider " + providerName);
    }

    private static URI checkedBaseUrl(URI url, boolean allowInsecureHttp) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL such as "
                    + OPENAI_BASE_URL + ", was \"" + url + "\"");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must have no user info, query or fragment (put the key in"
                    + " its environment variable instead), was " + scheme + "://" + url.getHost() + "/...");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !LoopbackHosts.isLoopback(url.getHost())) {
            throw new IllegalArgumentException("baseUrl " + url + " uses plain http to a host that is not loopback,"
                    + " which would send the API key and prompts unencrypted; use https, or allow insecure http"
                    + " explicitly for this provider if the network is trusted");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + url.getRawAuthority() + path);
    }

    /** Collects settings; unset values take OpenAI's defaults. */
    public static final class Builder {
        private String providerName = "openai";
        private URI baseUrl = OPENAI_BASE_URL;
        private Secret apiKey;
        private String apiKeyVariable;
        private TokenLimitField tokenLimitField;
        private boolean allowInsecureHttp;
        private Duration connectTimeout = HttpLimits.MODEL_CALLS.connectTimeout();
        private Duration readTimeout = HttpLimits.MODEL_CALLS.readTimeout();
        private Duration callTimeout = HttpLimits.MODEL_CALLS.callTimeout();
        private long maxResponseBytes = HttpLimits.MODEL_CALLS.maxResponseBytes();
        private int maxConcurrentCalls = HttpLimits.MODEL_CALLS.maxConcurrentCalls();

        private Builder() {}

        /** The provider's name in the configuration; {@code openai} by default. */
        public Builder providerName(String value) {
            this.providerName = Require.nonNull(value, "providerName");
            return this;
        }

        /** The API root, such as {@code http://localhost:11434/v1} for Ollama; OpenAI's by default. */
        public Builder baseUrl(String value) {
            Require.nonBlank(value, "baseUrl");
            try {
                return baseUrl(new URI(value.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL: \"" + value + "\"", e);
            }
        }

        /** The API root, such as {@code http://localhost:11434/v1} for Ollama; OpenAI's by default. */
        public Builder baseUrl(URI value) {
            this.baseUrl = Require.nonNull(value, "baseUrl");
            return this;
        }

        /** The key to send; leave unset for local servers that need none. */
        public Builder apiKey(Secret value) {
            this.apiKey = Require.nonNull(value, "apiKey");
            return this;
        }

        /** The name of the environment variable the key was read from, such as {@code OPENAI_API_KEY}. */
        public Builder apiKeyVariable(String value) {
            this.apiKeyVariable = Require.nonBlank(value, "apiKeyVariable");
            return this;
        }

        /** The output-token field; by default chosen from the base URL ({@link TokenLimitField#defaultFor}). */
        public Builder tokenLimitField(TokenLimitField value) {
            this.tokenLimitField = Require.nonNull(value, "tokenLimitField");
            return this;
        }

        /** Allows {@code http://} to a host that is not loopback; off by default. */
        public Builder allowInsecureHttp(boolean value) {
            this.allowInsecureHttp = value;
            return this;
        }

        /** 10 seconds by default. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** 120 seconds by default: a model may think a while before its first byte. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        /** 10 minutes by default. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** 8 MiB by default. */
        public Builder maxResponseBytes(long value) {
            this.maxResponseBytes = value;
            return this;
        }

        /** 64 by default: more calls wait their turn. */
        public Builder maxConcurrentCalls(int value) {
            this.maxConcurrentCalls = value;
            return this;
        }

        /** All five limits at once: timeouts, size cap and concurrency. */
        public Builder limits(HttpLimits value) {
            Require.nonNull(value, "limits");
            return connectTimeout(value.connectTimeout()).readTimeout(value.readTimeout())
                    .callTimeout(value.callTimeout()).maxResponseBytes(value.maxResponseBytes())
                    .maxConcurrentCalls(value.maxConcurrentCalls());
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException if a value is invalid, naming it and what to change
         */
        public OpenAiSettings build() {
            Require.nonNull(baseUrl, "baseUrl");
            return new OpenAiSettings(providerName, baseUrl, Optional.ofNullable(apiKey),
                    Optional.ofNullable(apiKeyVariable),
                    tokenLimitField != null ? tokenLimitField : TokenLimitField.defaultFor(baseUrl),
                    allowInsecureHttp,
                    new HttpLimits(connectTimeout, readTimeout, callTimeout, maxResponseBytes, maxConcurrentCalls));
        }
    }
}
