/**
 * The adapter SPI: how an adapter module plugs into Detour without any change to the app. An adapter
 * implements a {@link dev.detour.core.spi.ProviderType} (its name, the {@link dev.detour.core.spi.Option
 * options} it accepts, and how it opens a {@link dev.detour.core.spi.ModelProvider} from
 * {@link dev.detour.core.spi.AdapterSettings} and an {@link dev.detour.core.spi.AdapterKey}) and registers
 * it in {@code META-INF/services/dev.detour.core.spi.ProviderType}; the app finds every registered type
 * with {@link java.util.ServiceLoader}. An evidence source does the same with a
 * {@link dev.detour.core.spi.EvidenceSourceType}, which opens a {@link dev.detour.core.evidence.EvidenceSource},
 * registered in {@code META-INF/services/dev.detour.core.spi.EvidenceSourceType}.
 * {@link dev.detour.core.spi.AdapterType} is the shape every kind of adapter type shares.
 */
package dev.detour.core.spi;
