/**
 * How provider adapters plug into the app: a {@link dev.detour.app.provider.ProviderType} per adapter,
 * registered under its type name by a Guice module ({@link dev.detour.app.provider.ProviderTypes}), so a
 * third-party adapter plugs in by installing its own module, without touching app code.
 */
package dev.detour.app.provider;
