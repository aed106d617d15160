package dev.detour.benchmarks;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
                .httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(remembering.proxy));
        if (retries != DEFAULT_RETRIES) {
            builder.maxRetries(retries);
        }
        ChatModel chat = builder.build();
        if (remembering.built == null) {
            throw new IllegalStateException("LangChain4j built no JDK client from the builder it was given");
        }
        return new Client(chat, remembering.built);
    }

    /**
     * A JDK client builder that does what {@code delegate} does and remembers the client it built, so that the
     * benchmark can close it (a proxy, as {@link HttpClient.Builder} is an interface of a dozen setters).
     */
    private static final class Remembering implements InvocationHandler {

        private final HttpClient.Builder delegate;
        private final HttpClient.Builder proxy;
        private HttpClient built;

        Remembering(HttpClient.Builder delegate) {
            this.delegate = delegate;
            this.proxy = (HttpClient.Builder) Proxy.newProxyInstance(HttpClient.Builder.class.getClassLoader(),
                    new Class<?>[] {HttpClient.Builder.class}, this);
        }

        @Override
        public Object invoke(Object self, Method method, Object[] arguments) throws Throwable {
            Object result;
            try {
                result = method.invoke(delegate, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof HttpClient client) {
                built = client;
                return client;
            }
            return result == delegate ? proxy : result;
        }
    }
}
