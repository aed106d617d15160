/**
 * A {@link dev.detour.core.model.ModelPort} for the Hugging Face Inference Providers router
 * ({@code router.huggingface.co}): build a {@link dev.detour.adapters.huggingface.HuggingFaceProvider}
 * from {@link dev.detour.adapters.huggingface.HuggingFaceSettings}, then ask it for one port per model id
 * such as {@code Qwen/Qwen2.5-72B-Instruct:novita}. The app finds the {@code huggingface} type,
 * {@link dev.detour.adapters.huggingface.HuggingFaceProviderType}, through {@code META-INF/services}.
 *
 * <p>The port reports which inference provider served each answer and maps every router failure (the
 * router's own, and those of the provider it routed to) to the error kinds of DESIGN.md §3; the HTTP
 * exchange itself is {@link dev.detour.transport.HttpTransport}'s, configured by
 * {@link dev.detour.core.spi.HttpLimits}. Nothing of OkHttp, Retrofit or Jackson crosses the public
 * API; everything else in this package is package-private.
 */
package dev.detour.adapters.huggingface;
