package dev.detour.app.config;

import dev.detour.core.internal.Require;
import dev.detour.core.spi.EvidenceSourceType;
import dev.detour.core.spi.Option;
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
 * The evidence-source types a configuration may name, by name: normally {@link #installed()}, every type an
 * adapter jar registers in {@code META-INF/services/dev.detour.core.spi.EvidenceSourceType}. Nothing registers
 * a type in code; to add one, put its adapter on the class path. Two types of one name are refused.
 */
public final class SourceTypes {

    private final Map<String, EvidenceSourceType> byName;

    private SourceTypes(Map<String, EvidenceSourceType> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Every evidence-source type on the class path of the current thread's context class loader; none is fine.
     *
     * @throws IllegalStateException if one cannot be loaded, or if two share a name
     * @throws IllegalArgumentException if a type declares an option it may not have
     */
    public static SourceTypes installed() {
        List<EvidenceSourceType> found = new ArrayList<>();
        try {
            ServiceLoader.load(EvidenceSourceType.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("an evidence-source type on the class path cannot be loaded ("
                    + e.getMessage() + "); fix or remove that adapter's jar", e);
        }
        return of(found);
    }

    /**
     * Exactly {@code types}.
     *
     * @throws IllegalStateException if two share a name
     * @throws IllegalArgumentException if a type declares an option it may not have
     */
    public static SourceTypes of(Collection<? extends EvidenceSourceType> types) {
        Require.nonNull(types, "types");
        Map<String, EvidenceSourceType> byName = new TreeMap<>();
        for (EvidenceSourceType type : types) {
            String name = Require.nonBlank(Require.nonNull(type, "source type").name(), "source type name");
            for (Option<?> option : Require.nonNull(type.options(), "options of source type " + name)) {
                if (SourcesReader.COMMON_KEYS.contains(option.key()) || SecretShapes.isCredentialName(option.key())) {
                    throw new IllegalArgumentException("option \"" + option.key() + "\" of source type \"" + name
                            + "\" is a key every source has or is named like a credential; give the option another name");
                }
            }
            EvidenceSourceType other = byName.putIfAbsent(name, type);
            if (other != null) {
                throw new IllegalStateException("two evidence-source types are named \"" + name + "\": "
                        + ProviderTypes.origin(other) + " and " + ProviderTypes.origin(type)
                        + "; remove one of these adapters from the class path");
            }
        }
        return new SourceTypes(byName);
    }

    /** The type named {@code name}, if there is one. */
    public Optional<EvidenceSourceType> find(String name) {
        return Optional.ofNullable(byName.get(Require.nonNull(name, "name")));
    }

    /** The names of the types, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public String toString() {
        return "SourceTypes" + names();
    }
}
