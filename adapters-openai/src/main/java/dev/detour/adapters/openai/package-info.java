/**
 * The {@link dev.detour.core.model.ModelPort} for OpenAI's chat completions API and every server that
 * speaks it (vLLM, Ollama, LM Studio, llama.cpp server, Together, Groq...).
 *
 * <p>The public surface is four types: {@link dev.detour.adapters.openai.OpenAiSettings} (what to
 * connect to, with which key and limits), {@link dev.detour.adapters.openai.TokenLimitField} (which
 * output-token field the server understands), {@link dev.detour.adapters.openai.OpenAiProvider}
 * (the factory of ports, one per model) and {@link dev.detour.adapters.openai.OpenAiProviderType} (the
 * {@code openai} type the app finds through {@code META-INF/services}). The HTTP exchange itself is
 * {@link dev.detour.transport.HttpTransport}'s; this package keeps the wire format and the error
 * classification. Everything else is package-private: no Retrofit, OkHttp or Jackson type crosses the
 * package boundary.
 */
package dev.detour.adapters.openai;
