package dev.detour.benchmarks;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The peer users would pick, built as its documentation shows: LangChain4j's {@link OpenAiChatModel} on its
 * default JDK HTTP client. That client offers HTTP/2 (h2c upgrade) on {@code http://}; the raw and Detour
 * variants speak HTTP/1.1, so each table also has it pinned to HTTP/1.1.
 */
final class LangChain4j {

    /** LangChain4j's own default for {@code maxRetries} (1.19.0): two retries after the first try. */
    static final int DEFAULT_RETRIES = -1;

    private LangChain4j() {}

    /**
     * An OpenAI-compatible chat model at {@code baseUrl} (the root {@code /chat/completions} is appended to).
     *
     * @param retries {@link #DEFAULT_RETRIES} for LangChain4j's default, else its {@code maxRetries}
     * @param http11 whether its JDK client is pinned to HTTP/1.1
     */
    static ChatModel openAi(URI baseUrl, String model, int retries, boolean http11) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(baseUrl.toString())
                .apiKey("sk-fake-benchmark-key")
                .modelName(model)
                .timeout(Duration.ofSeconds(60));
        if (retries != DEFAULT_RETRIES) {
            builder.maxRetries(retries);
        }
        if (http11) {
            builder.httpClientBuilder(JdkHttpClient.builder()
                    .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)));
        }
        return builder.build();
    }
}
