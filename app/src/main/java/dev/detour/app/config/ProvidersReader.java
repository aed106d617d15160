package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.core.spi.AdapterType;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.OptionProblem;
import dev.detour.core.spi.ProviderType;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the {@code providers} section, or supplies the built-in providers: each provider's type, base
 * URL, key variable, insecure-http permission and the options its type allows, validated by that type.
 */
final class ProvidersReader {

    static final List<String> COMMON_KEYS = List.of("type", "base-url", "token-env", "allow-insecure-http");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String PROVIDER_SHAPE = Section.shape(COMMON_KEYS);

    private final ProviderTypes types;
    private final Environment environment;

    ProvidersReader(ProviderTypes types, Environment environment) {
        this.types = types;
        this.environment = environment;
    }

    static boolean isVariableName(String text) {
        return VARIABLE.matcher(text).matches();
    }

    DeclaredProviders builtIn(Problems problems) {
        Map<String, ProviderConfig> valid = new LinkedHashMap<>();
        Map<String, String> declared = new LinkedHashMap<>();
        for (BuiltIns.Provider provider : BuiltIns.PROVIDERS) {
            declared.put(provider.name(), provider.type());
            KeyPath path = KeyPath.root().key("providers").key(provider.name());
            if (types.find(provider.type()).isEmpty()) {
                problems.add(path.key("type"), "the built-in provider needs type " + provider.type() + ", which is not"
                        + " installed (known types: " + String.join(", ", types.names()) + "); put its adapter on the"
                        + " class path, or declare providers in a configuration file");
                continue;
            }
            defaultBaseUrl(provider.type(), false, true, path, problems).ifPresent(url -> valid.put(provider.name(),
                    new ProviderConfig(provider.name(), provider.type(), url, Optional.of(provider.tokenEnv()), false,
                            Map.of())));
        }
        return new DeclaredProviders(valid, declared);
    }

    DeclaredProviders read(JsonNode node, KeyPath path, Problems problems) {
        Section section = Section.of(node, path, "a map of provider names to their settings", problems);
        if (section.isEmpty() && (node == null || node.isNull() || node.isObject())) {
            problems.add(path, "declares no provider; declare at least one, such as hf: { type: huggingface }, "
                    + "or remove providers to use the built-in hf and openai");
        }
        Map<String, ProviderConfig> valid = new LinkedHashMap<>();
        Map<String, String> declared = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : section.entries()) {
            String name = entry.getKey();
            if (SecretShapes.looksLikeKey(name) || SecretShapes.isCredentialName(name)) {
                continue;
            }
            KeyPath at = section.at(name);
            int before = problems.count();
            if (!NAME.matcher(name).matches()) {
                problems.add(at, "is not a usable provider name; use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit");
            }
            Optional<ProviderConfig> provider = readOne(name, entry.getValue(), at, problems, declared);
            if (problems.count() == before) {
                provider.ifPresent(config -> valid.put(name, config));
            }
        }
        return new DeclaredProviders(valid, declared);
    }

    private Optional<ProviderConfig> readOne(
            String name, JsonNode node, KeyPath path, Problems problems, Map<String, String> declared) {
        Section section = Section.of(node, path, PROVIDER_SHAPE, problems);
        if (node != null && !node.isNull() && !node.isObject()) {
            declared.put(name, "");
            return Optional.empty();
        }
        Optional<ProviderType> type = type(section, problems);
        declared.put(name, type.map(ProviderType::name).orElse(""));
        type.ifPresent(known -> {
            List<String> allowed = new ArrayList<>(COMMON_KEYS);
            known.options().stream().map(Option::key).sorted().forEach(allowed::add);
            section.allowOnly(allowed, key -> COMMON_KEYS.contains(key) || admits(known, key), " for type " + known.name());
        });
        Optional<Boolean> allowInsecureHttp = section.bool("allow-insecure-http", false);
        Optional<URI> baseUrl = baseUrl(section, type, allowInsecureHttp.orElse(false), section.has("token-env"), problems);
        Optional<Optional<String>> tokenEnv = keyVariable(section, "token-env", problems);
        Optional<Map<String, String>> options = type.flatMap(known -> options(section, known, COMMON_KEYS, problems));
        if (type.isEmpty() || baseUrl.isEmpty() || tokenEnv.isEmpty() || allowInsecureHttp.isEmpty()
                || options.isEmpty() || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProviderConfig(
                name, type.get().name(), baseUrl.get(), tokenEnv.get(), allowInsecureHttp.get(), options.get()));
    }

    private Optional<ProviderType> type(Section section, Problems problems) {
        return type(section, String.join(", ", types.names()), types::find, "provider", problems);
    }

    /** The entry's {@code type}, one of {@code known} as {@code find} finds them, for an entry that is a {@code noun}. */
    static <T> Optional<T> type(Section section, String known, Function<String, Optional<T>> find, String noun,
            Problems problems) {
        KeyPath at = section.at("type");
        if (!section.has("type") || section.get("type").isNull()) {
            problems.add(at, "missing; set it to one of: " + known);
            return Optional.empty();
        }
        Optional<String> type = Values.text(section.get("type"), at, "a " + noun + " type", "use one of: " + known, problems);
        if (type.isPresent() && find.apply(type.get()).isEmpty()) {
            problems.add(at, "unknown " + noun + " type " + Shown.quoted(type.get()) + "; known types: " + known);
            return Optional.empty();
        }
        return type.flatMap(find);
    }

    private Optional<URI> baseUrl(Section section, Optional<ProviderType> type, boolean allowInsecureHttp, boolean keyed,
            Problems problems) {
        KeyPath at = section.at("base-url");
        if (section.has("base-url") && !section.get("base-url").isNull()) {
            return Values.text(section.get("base-url"), at, "a URL", "write an absolute http(s) URL such as "
                            + "https://api.openai.com/v1", problems)
                    .flatMap(text -> BaseUrls.check(text, allowInsecureHttp, keyed, at, problems));
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (type.get().defaultBaseUrl().isEmpty()) {
            problems.add(at, "missing; a provider of type " + type.get().name()
                    + " has no default, set the URL of its API, such as https://api.example.com/v1");
            return Optional.empty();
        }
        return defaultBaseUrl(type.get().name(), allowInsecureHttp, keyed, section.path(), problems);
    }

    private Optional<URI> defaultBaseUrl(
            String type, boolean allowInsecureHttp, boolean keyed, KeyPath provider, Problems problems) {
        Optional<String> fromEnvironment = type.equals(BuiltIns.OPENAI)
                ? environment.variable(BuiltIns.OPENAI_BASE_URL)
                : Optional.empty();
        if (fromEnvironment.isPresent()) {
            KeyPath label = KeyPath.label(provider.key("base-url") + " (from " + BuiltIns.OPENAI_BASE_URL + ")");
            if (SecretShapes.looksLikeKey(fromEnvironment.get())) {
                problems.add(label, "this value looks like an API key; put the URL of the API in "
                        + BuiltIns.OPENAI_BASE_URL + " and the key in " + BuiltIns.OPENAI_API_KEY);
                return Optional.empty();
            }
            return BaseUrls.check(fromEnvironment.get(), allowInsecureHttp, keyed, label, problems);
        }
        return types.find(type).flatMap(ProviderType::defaultBaseUrl);
    }

    /** The entry's {@code key} ({@code token-env}, {@code key-env}): empty inside when it names none. */
    static Optional<Optional<String>> keyVariable(Section section, String key, Problems problems) {
        if (!section.has(key)) {
            return Optional.of(Optional.empty());
        }
        KeyPath at = section.at(key);
        String hint = "name the environment variable holding the key, such as HF_TOKEN, or remove " + key
                + " for a server that needs no key";
        Optional<String> name = Values.text(section.get(key), at, "an environment variable name", hint, problems);
        if (name.isPresent() && !isVariableName(name.get())) {
            problems.add(at, Shown.quoted(name.get()) + " is not an environment variable name; use letters, digits"
                    + " and underscores, not starting with a digit, such as HF_TOKEN");
            return Optional.empty();
        }
        return name.map(Optional::of);
    }

    static boolean admits(AdapterType<?> type, String key) {
        return type.options().stream().anyMatch(option -> option.admits(key));
    }

    /** The type's options the entry sets, as text, if all of them are valid; {@code common} are not options. */
    static Optional<Map<String, String>> options(Section section, AdapterType<?> type, List<String> common,
            Problems problems) {
        Map<String, String> options = new TreeMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonNode> entry : section.entries()) {
            String key = entry.getKey();
            if (common.contains(key) || !admits(type, key)) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isValueNode()) {
                if (value.isTextual() && SecretShapes.looksLikeKey(value.textValue())) {
                    valid = false;
                } else {
                    options.put(key, value.asText());
                }
            } else {
                problems.add(section.at(key), "expected one value, found " + Values.found(value)
                        + " (write text, a number or true/false; list several values separated by commas)");
                valid = false;
            }
        }
        for (OptionProblem problem : type.problems(options)) {
            problems.add(section.at(problem.key()), problem.message());
            valid = false;
        }
        return valid ? Optional.of(options) : Optional.empty();
    }
}
