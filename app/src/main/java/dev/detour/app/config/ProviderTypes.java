package dev.detour.app.config;

import dev.detour.core.internal.Require;
import dev.detour.core.spi.Option;
import dev.detour.core.spi.ProviderType;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The provider types a configuration may name, by name: normally {@link #installed()}, every type an adapter
 * jar registers in {@code META-INF/services/dev.detour.core.spi.ProviderType}. Nothing registers a type in
 * code; to add one, put its adapter on the class path.
 *
 * <p>Two types of one name are refused rather than one of them picked, and so is an option whose name
 * clashes with a key every provider has or looks like a credential (keys never come from the file).
 */
public final class ProviderTypes {

    private final Map<String, ProviderType> byName;

    private ProviderTypes(Map<String, ProviderType> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Every provider type on the class path of the current thread's context class loader.
     *
     * @throws IllegalStateException if none is, if one cannot be loaded, or if two share a name
     * @throws IllegalArgumentException if a type declares an option it may not have
     */
    public static ProviderTypes installed() {
        List<ProviderType> found = new ArrayList<>();
        try {
            ServiceLoader.load(ProviderType.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a provider type on the class path cannot be loaded (" + e.getMessage()
                    + "); fix or remove that adapter's jar", e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no provider type is installed; put an adapter such as"
                    + " detour-adapters-openai on the class path");
        }
        return of(found);
    }

    /**
     * Exactly {@code types}.
     *
     * @throws IllegalStateException if two share a name
     * @throws IllegalArgumentException if there are none, or a type declares an option it may not have
     */
    public static ProviderTypes of(Collection<? extends ProviderType> types) {
        Require.nonNull(types, "types");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("providerTypes must name at least one provider type, such as huggingface");
        }
        Map<String, ProviderType> byName = new TreeMap<>();
        for (ProviderType type : types) {
            String name = Require.nonBlank(Require.nonNull(type, "provider type").name(), "provider type name");
            checkOptions(name, type.options());
            ProviderType other = byName.putIfAbsent(name, type);
            if (other != null) {
                throw new IllegalStateException("two provider types are named \"" + name + "\": " + origin(other)
                        + " and " + origin(type) + "; remove one of these adapters from the class path");
            }
        }
        return new ProviderTypes(byName);
    }

    /** The type named {@code name}, if there is one. */
    public Optional<ProviderType> find(String name) {
        return Optional.ofNullable(byName.get(Require.nonNull(name, "name")));
    }

    /** The names of the types, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public String toString() {
        return "ProviderTypes" + names();
    }

    private static void checkOptions(String type, List<Option<?>> options) {
        for (Option<?> option : Require.nonNull(options, "options of provider type " + type)) {
            String key = Require.nonNull(option, "option of provider type " + type).key();
            if (ProvidersReader.COMMON_KEYS.contains(key)) {
                throw new IllegalArgumentException("option \"" + key + "\" of provider type \"" + type
                        + "\" is a key every provider has; give the option another name");
            }
            if (SecretShapes.isCredentialName(key)) {
                throw new IllegalArgumentException("option \"" + key + "\" of provider type \"" + type
                        + "\" is named like a credential, and keys never come from the config file;"
                        + " read the key from the environment variable named by token-env");
            }
        }
    }

    static String origin(Object type) {
        Class<?> implementation = type.getClass();
        CodeSource source = implementation.getProtectionDomain().getCodeSource();
        return implementation.getName() + (source == null || source.getLocation() == null ? ""
                : " (from " + source.getLocation() + ")");
    }
}
