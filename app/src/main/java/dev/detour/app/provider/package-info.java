/**
 * Opening the configured providers and evidence sources: {@link dev.detour.app.provider.Providers} opens each
 * provider of the chain through the {@link dev.detour.core.spi.ProviderType} of its type, found on the class
 * path, and hands the resilience chain one adapter port per model; {@link dev.detour.app.provider.Sources} does
 * the same for the sources research runs search. No provider or source type is named in app code.
 */
package dev.detour.app.provider;
