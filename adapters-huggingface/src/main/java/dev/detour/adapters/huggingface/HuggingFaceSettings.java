package dev.detour.adapters.huggingface;

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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How to reach the Hugging Face Inference Providers router: where, with which token, along which routes,
 * and within which limits. Start from {@link #defaults()} and change what the configuration says; an
 * unsafe combination (a token over plain {@code http://} to a host that is not loopback) is refused here,
 * when the settings are built, not on the first call.
 *
 * <p>Do not put the token into the configuration file: read it from the environment with
 * {@link #withTokenFrom(String, Function)}, so the variable's name can be shown when it is missing.
 *
 * @param providerName the provider's name in the configuration, such as {@code hf}; model references read
 *     {@code hf:Qwen/Qwen2.5-72B-Instruct:novita}
 * @param baseUrl the router's base URL, {@code https://router.huggingface.co} unless testing
 * @param token the access token sent as {@code Authorization: Bearer}; empty for anonymous calls
 * @param tokenVariable the environment variable the token comes from, named in "a token is required" messages
 * @param providerRoutes the inference providers pinned through their legacy proxy path instead of
 *     {@code /v1/chat/completions}: provider name to route, such as {@code novita} to
 *     {@code /v3/openai/chat/completions} (called as {@code /novita/v3/openai/chat/completions}) or
 *     {@code hf-inference} to {@code /models/{model}/v1/chat/completions}
 * @param allowInsecureHttp whether an {@code http://} base URL may name a host that is not loopback
 * @param limits the timeouts, the response size cap and the most calls in flight at once
 */
public record HuggingFaceSettings(
        String providerName,
        URI baseUrl,
        Optional<Secret> token,
        String tokenVariable,
        Map<String, String> providerRoutes,
        boolean allowInsecureHttp,
        HttpLimits limits) {

    /** The public router. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://router.huggingface.co");

    /** The environment variable Hugging Face's own clients read the token from. */
    public static final String DEFAULT_TOKEN_VARIABLE = "HF_TOKEN";

    /** The placeholder of a provider route that stands for the model's repository id. */
    public static final String MODEL_PLACEHOLDER = "{model}";

    private static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ROUTE = Pattern.compile("(/[A-Za-z0-9._~{}-]+)+");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public HuggingFaceSettings {
        Require.nonBlank(providerName, "providerName");
        if (providerName.contains(":") || !providerName.equals(providerName.strip())) {
            throw new IllegalArgumentException(
                    "providerName must not contain ':' or surrounding whitespace, was \"" + providerName + "\"");
        }
        Require.nonNull(baseUrl, "baseUrl");
        Require.nonNull(token, "token");
        Require.nonBlank(tokenVariable, "tokenVariable");
        if (!VARIABLE.matcher(tokenVariable).matches()) {
            throw new IllegalArgumentException(
                    "tokenVariable must be an environment variable name such as HF_TOKEN, was \"" + tokenVariable + "\"");
        }
        providerRoutes = Map.copyOf(Require.nonNull(providerRoutes, "providerRoutes"));
        providerRoutes.forEach(HuggingFaceSettings::checkRoute);
        Require.nonNull(limits, "limits");
        checkBaseUrl(baseUrl, allowInsecureHttp);
    }

    /**
     * Provider {@code hf} at {@code https://router.huggingface.co}, no token (variable {@code HF_TOKEN}),
     * every model through {@code /v1/chat/completions}, connect timeout 10 s, read timeout 60 s, call
     * timeout 5 min, responses up to 8 MiB.
     */
    public static HuggingFaceSettings defaults() {
        return new HuggingFaceSettings("hf", DEFAULT_BASE_URL, Optional.empty(), DEFAULT_TOKEN_VARIABLE, Map.of(),
                false, new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5),
                        8L * 1024 * 1024, 64));
    }

    /**
     * The defaults with the three values that must be checked together: a provider {@code providerName}
     * at {@code baseUrl}, which may use plain http to a host that is not loopback only if
     * {@code allowInsecureHttp}.
     */
    public static HuggingFaceSettings of(String providerName, URI baseUrl, boolean allowInsecureHttp) {
        HuggingFaceSettings defaults = defaults();
        return new HuggingFaceSettings(providerName, baseUrl, Optional.empty(), DEFAULT_TOKEN_VARIABLE, Map.of(),
                allowInsecureHttp, defaults.limits);
    }

    /**
     * The settings of a configured provider of type {@code huggingface}: its name, base URL and insecure-http
     * permission, the key (whose variable defaults to {@code HF_TOKEN}), and the options {@code route.<provider>}
     * and those of {@link HttpLimits}; what an option leaves out takes the {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the option or value that is wrong
     */
    public static HuggingFaceSettings from(AdapterSettings settings, AdapterKey key) {
        Require.nonNull(settings, "settings");
        Require.nonNull(key, "key");
        return new HuggingFaceSettings(settings.name(), settings.baseUrl(), key.secret(),
                key.variable().orElse(DEFAULT_TOKEN_VARIABLE), settings.optionFamily(HuggingFaceProviderType.ROUTE),
                settings.allowInsecureHttp(), defaults().limits().withOptionsOf(settings));
    }

    public HuggingFaceSettings withProviderName(String value) {
        return new HuggingFaceSettings(value, baseUrl, token, tokenVariable, providerRoutes, allowInsecureHttp,
                limits);
    }

    /**
     * These settings at {@code value}; a plain-http URL to a host that is not loopback needs
     * {@link #withAllowInsecureHttp(boolean)} first, or {@link #of(String, URI, boolean)}.
     */
    public HuggingFaceSettings withBaseUrl(URI value) {
        return new HuggingFaceSettings(providerName, value, token, tokenVariable, providerRoutes, allowInsecureHttp,
                limits);
    }

    /**
     * Reads the URL text of a configuration file.
     *
     * @throws IllegalArgumentException if {@code value} is not a URL
     */
    public HuggingFaceSettings withBaseUrl(String value) {
        Require.nonBlank(value, "baseUrl");
        try {
            return withBaseUrl(new URI(value.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl is not a URL, was \"" + value + "\": " + e.getReason(), e);
        }
    }

    /** These settings sending {@code value}, which came from the environment variable {@code variable}. */
    public HuggingFaceSettings withToken(Secret value, String variable) {
        Require.nonNull(value, "token");
        return new HuggingFaceSettings(providerName, baseUrl, Optional.of(value), variable, providerRoutes,
                allowInsecureHttp, limits);
    }

    /**
     * These settings with the token read from the environment variable {@code variable}; when it is unset
     * or blank, calls are anonymous and a 401 names {@code variable} as the thing to set.
     *
     * @param environment looks a variable up, such as {@code System::getenv}; returns null when unset
     */
    public HuggingFaceSettings withTokenFrom(String variable, Function<String, String> environment) {
        Require.nonBlank(variable, "variable");
        Require.nonNull(environment, "environment");
        String value = environment.apply(variable);
        Optional<Secret> found = value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value));
        return new HuggingFaceSettings(providerName, baseUrl, found, variable, providerRoutes,
                allowInsecureHttp, limits);
    }

    /** These settings calling anonymously; a 401 will name {@link #tokenVariable()} as the thing to set. */
    public HuggingFaceSettings withoutToken() {
        return new HuggingFaceSettings(providerName, baseUrl, Optional.empty(), tokenVariable, providerRoutes,
                allowInsecureHttp, limits);
    }

    /**
     * These settings calling models pinned to {@code provider} (a {@code :provider} suffix) through the
     * router's legacy proxy path {@code /<provider><route>} instead of {@code /v1/chat/completions}. The body
     * then carries the model id without its suffix, as that provider knows it; {@code {model}} in
     * {@code route} stands for it too, as in {@code /models/{model}/v1/chat/completions} of
     * {@code hf-inference}.
     */
    public HuggingFaceSettings withProviderRoute(String provider, String route) {
        Map<String, String> routes = new TreeMap<>(providerRoutes);
        routes.put(Require.nonNull(provider, "provider"), Require.nonNull(route, "route"));
        return new HuggingFaceSettings(providerName, baseUrl, token, tokenVariable, routes, allowInsecureHttp,
                limits);
    }

    /** These settings allowing (or not) an {@code http://} base URL to a host that is not loopback. */
    public HuggingFaceSettings withAllowInsecureHttp(boolean value) {
        return new HuggingFaceSettings(providerName, baseUrl, token, tokenVariable, providerRoutes, value,
                limits);
    }

    /** These settings with other timeouts, size cap or concurrency limit. */
    public HuggingFaceSettings withLimits(HttpLimits value) {
        return new HuggingFaceSettings(providerName, baseUrl, token, tokenVariable, providerRoutes,
                allowInsecureHttp, value);
    }

    public HuggingFaceSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return withLimits(new HttpLimits(connect, read, call, limits.maxResponseBytes(), limits.maxConcurrentCalls()));
    }

    public HuggingFaceSettings withMaxResponseBytes(long value) {
        return withLimits(new HttpLimits(limits.connectTimeout(), limits.readTimeout(), limits.callTimeout(), value,
                limits.maxConcurrentCalls()));
    }

    /** These settings letting at most {@code value} calls be in flight at once. */
    public HuggingFaceSettings withMaxConcurrentCalls(int value) {
        return withLimits(new HttpLimits(limits.connectTimeout(), limits.readTimeout(), limits.callTimeout(),
                limits.maxResponseBytes(), value));
    }

    @Override
    public String toString() {
        return "HuggingFaceSettings[providerName=" + providerName + ", baseUrl=" + baseUrl
                + ", token=" + (token.isPresent() ? "from " + tokenVariable : "none (" + tokenVariable + " unset)")
                + ", providerRoutes=" + providerRoutes + ", allowInsecureHttp=" + allowInsecureHttp
                + ", limits=" + limits + "]";
    }

    static void checkRoute(String provider, String route) {
        if (!PROVIDER_NAME.matcher(provider).matches()) {
            throw new IllegalArgumentException("a provider route's provider must be a name such as \"novita\","
                    + " was \"" + provider + "\"");
        }
        if (HfModelId.isPolicy(provider)) {
            throw new IllegalArgumentException("\"" + provider + "\" is a routing policy, not a provider:"
                    + " a legacy route needs a provider name such as \"novita\"");
        }
        if (!ROUTE.matcher(route).matches()
                || route.replace(MODEL_PLACEHOLDER, "").contains("{") || route.replace(MODEL_PLACEHOLDER, "").contains("}")) {
            throw new IllegalArgumentException("the route of provider \"" + provider + "\" must be a path such as"
                    + " \"/v3/openai/chat/completions\" or \"/models/{model}/v1/chat/completions\", was \"" + route + "\"");
        }
    }

    private static void checkBaseUrl(URI url, boolean allowInsecureHttp) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "baseUrl must be an http(s) URL with a host, such as " + DEFAULT_BASE_URL + ", was \"" + url + "\"");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment, was \""
                    + url.getScheme() + "://" + url.getHost() + "…\"; put the token in " + DEFAULT_TOKEN_VARIABLE
                    + " or the variable named in the configuration");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !LoopbackHosts.isLoopback(url.getHost())) {
            throw new IllegalArgumentException("baseUrl " + url + " sends the token over plain http to "
                    + url.getHost() + ", which is not a loopback host: use https://, or allow insecure http"
                    + " for this provider in the configuration if the network is trusted");
        }
    }

}
