package dev.detour.benchmarks;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The peer users would pick, built as its documentation shows: LangChain4j's {@link OpenAiChatModel} on its
 * default JDK HTTP client. That client offers HTTP/2 (h2c upgrade) on {@code http://}; the raw and Detour
 * variants speak HTTP/1.1, so each table also has it pinned to HTTP/1.1.
 */
final class LangChain4j {

    /** LangChain4j's own default for {@code maxRetries} (1.19.0): two retries after the first try. */
    static final int DEFAULT_RETRIES = -1;

    private LangChain4j() {}

    /** A model and the JDK client under it, which {@link #close()} shuts down with its connections and threads. */
    record Client(ChatModel model, HttpClient http) implements AutoCloseable {

        @Override
        public void close() {
            http.close();
        }
    }

    /**
     * An OpenAI-compatible chat model at {@code baseUrl} (the root {@code /chat/completions} is appended to).
     *
     * @param retries {@link #DEFAULT_RETRIES} for LangChain4j's default, else its {@code maxRetries}
     * @param http11 whether its JDK client is pinned to HTTP/1.1
     */
    static ChatModel openAi(URI baseUrl, String model, int retries, boolean http11) {
        return client(baseUrl, model, retries, http11).model();
    }

    /**
     * As {@link #openAi}, with a handle on its JDK client. The client is built from {@code HttpClient.newBuilder()},
     * as LangChain4j 1.19.0's {@code JdkHttpClient} builds it when given none.
     */
    static Client client(URI baseUrl, String model, int retries, boolean http11) {
        HttpClient.Builder jdk = HttpClient.newBuilder();
        if (http11) {
            jdk.version(HttpClient.Version.HTTP_1_1);
        }
        Remembering remembering = new Remembering(jdk);
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(baseUrl.toString())
                .apiKey("sk-fake-benchmark-key")
                .modelName(model)
                .timeout(Duration.ofSeconds(60))
                .httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(remembering));
        if (retries != DEFAULT_RETRIES) {
            builder.maxRetries(retries);
        }
        ChatModel chat = builder.build();
        if (remembering.built == null) {
            throw new IllegalStateException("LangChain4j built no JDK client from the builder it was given");
        }
        return new Client(chat, remembering.built);
    }

    /** A JDK client builder that remembers the client it built, so that the benchmark can close it. */
    private static final class Remembering implements HttpClient.Builder {

        private final HttpClient.Builder delegate;
        private HttpClient built;

        Remembering(HttpClient.Builder delegate) {
            this.delegate = delegate;
        }

        @Override
        public HttpClient build() {
            built = delegate.build();
            return built;
        }

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            delegate.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient.Builder localAddress(InetAddress localAddr) {
            delegate.localAddress(localAddr);
            return this;
        }
    }
}
