/**
 * The {@code anthropic} provider type ({@link dev.detour.adapters.anthropic.AnthropicProviderType}, found through
 * {@code META-INF/services}): a {@link dev.detour.core.model.ModelPort} for Anthropic's Messages API. This package
 * keeps the wire format and the error table; the HTTP exchange is {@link dev.detour.transport.HttpTransport}'s.
 */
package dev.detour.adapters.anthropic;
