/**
 * Opening the configured providers: {@link dev.detour.app.provider.Providers} opens each provider of the
 * chain through the {@link dev.detour.core.spi.ProviderType} of its type, found on the class path, and
 * hands the resilience chain one adapter port per model. No provider type is named in app code.
 */
package dev.detour.app.provider;
