package dev.detour.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.detour.core.model.CallContext;
import dev.detour.core.model.ChatMessage;
import dev.detour.core.model.ChatRequest;
import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.ModelPort;
import dev.detour.core.model.ModelRef;
import dev.detour.core.model.RateLimitedException;
import dev.detour.core.model.StreamListener;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios every {@link ModelPort} adapter must pass, over real HTTP against a loopback
 * MockWebServer: answers, streams, the adapter's error table, errors inside a 200 stream, truncated and
 * oversized bodies, timeouts, dropped connections, interrupts, and keys that must never leak.
 *
 * <p>To use it, extend this class in the adapter's test sources and supply:
 * <ul>
 *   <li>{@link #createPort(PortSetup)}: a port built with exactly the given base URL, model, key, timeouts
 *       and size cap (close whatever it holds in an {@code @AfterEach} of the subclass);</li>
 *   <li>{@link #requestPath()}: the path the port must POST to under the setup's base URL;</li>
 *   <li>the provider's wire payloads: {@link #plainAnswers()}, {@link #streamedAnswers()},
 *       {@link #failureCases()} (one row per error the provider can send, with the exact exception
 *       expected), {@link #failuresInStream()} and {@link #truncatedStream()}.</li>
 * </ul>
 * Prefer captured payloads ({@link Fixtures#text(String)}) to invented ones. Override
 * {@link #verifyRequestBody(String, ChatRequest)} to check the provider-specific request JSON. The kit
 * adds provider-neutral cases of its own (HTML gateway pages, plain-text errors, transport failures).
 * Do not weaken a scenario in a subclass: a port that cannot pass one is not ready for the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModelPortConformanceTest {

    /** The user's words in every request the kit sends; the request body must carry them. */
    protected static final String USER_TEXT = "Count to two, in words.";

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final long SIZE_CAP = 64 * 1024;
    private static final long JOIN_MILLIS = 10_000;

    private MockWebServer server;

    // ---------------------------------------------------------------- what the adapter supplies

    /** Builds the port under test with every value of {@code setup}. */
    protected abstract ModelPort createPort(PortSetup setup);

    /** The path the port must POST to, such as {@code /v1/chat/completions} for base path {@code /v1}. */
    protected abstract String requestPath();

    /** The model id the port is bound to, kept whole as the provider knows it. */
    protected abstract String modelId();

    /** Successful plain responses, at least one; the first is also used by the transport scenarios. */
    protected abstract List<AnswerCase> plainAnswers();

    /** Successful streams, at least one; the first is also used by the transport scenarios. */
    protected abstract List<StreamCase> streamedAnswers();

    /** The adapter's error table: every error response the provider sends and the exception it maps to. */
    protected abstract List<FailureCase> failureCases();

    /** Errors that arrive as events inside an HTTP 200 stream, each expected like its plain twin. */
    protected abstract List<FailureCase> failuresInStream();

    /** A 200 stream whose body ends before any finish reason. */
    protected abstract CannedResponse truncatedStream();

    /** The path of the setup's base URL on the loopback server. */
    protected String basePath() {
        return "/v1";
    }

    /** The provider name the port is configured under. */
    protected String providerName() {
        return "conformance";
    }

    /** The key the port sends; override when the provider's keys have a required shape. */
    protected Secret apiKey() {
        return Secret.of("sk-fake-conformance-key-01");
    }

    /** The request header that must carry the key: {@code Authorization} by default, or such as {@code x-api-key}. */
    protected String keyHeader() {
        return "Authorization";
    }

    /** The value {@link #keyHeader()} must have for {@code key}: {@code Bearer <key>} by default. */
    protected String keyHeaderValue(Secret key) {
        return "Bearer " + key.reveal();
    }

    /** The request the kit sends; it must carry {@link #USER_TEXT}. */
    protected ChatRequest request() {
        return ChatRequest.of(ChatMessage.system("Answer in as few words as you can."), ChatMessage.user(USER_TEXT));
    }

    /** Checks the provider-specific JSON of a request the port sent; the default checks nothing more. */
    protected void verifyRequestBody(String json, ChatRequest sent) throws Exception {}

    // ---------------------------------------------------------------- plumbing

    @BeforeEach
    final void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    final void stopServer() {
        server.close();
    }

    /** The loopback server; for adapter-specific tests in the subclass. */
    protected final MockWebServer server() {
        return server;
    }

    /** The setup the kit's ordinary scenarios use: short connect, 2 s read, 10 s call, 64 KiB cap. */
    protected final PortSetup setup() {
        String url = server.url(basePath()).toString();
        return new PortSetup(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                ModelRef.of(providerName(), modelId()), apiKey(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), SIZE_CAP);
    }

    /** Queues {@code response} on the loopback server. */
    protected final void enqueue(CannedResponse response) {
        server.enqueue(toMock(response).build());
    }

    private static MockResponse.Builder toMock(CannedResponse response) {
        Headers.Builder headers = new Headers.Builder();
        response.headers().forEach(header -> headers.add(header.name(), header.value()));
        return new MockResponse.Builder()
                .code(response.status())
                .headers(headers.build())
                .body(response.body());
    }

    private List<AnswerCase> plainAnswerCases() {
        List<AnswerCase> cases = plainAnswers();
        assertThat(cases).as("plainAnswers() must supply at least one case").isNotEmpty();
        return cases;
    }

    private List<StreamCase> streamCases() {
        List<StreamCase> cases = streamedAnswers();
        assertThat(cases).as("streamedAnswers() must supply at least one case").isNotEmpty();
        return cases;
    }

    private List<FailureCase> failureTable() {
        List<FailureCase> cases = failureCases();
        assertThat(cases).as("failureCases() must supply the adapter's error table").isNotEmpty();
        return cases;
    }

    private List<FailureCase> streamFailureTable() {
        List<FailureCase> cases = failuresInStream();
        assertThat(cases).as("failuresInStream() must supply at least one case").isNotEmpty();
        return cases;
    }

    // ---------------------------------------------------------------- answers

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainAnswerCases")
    void answersWithTheProvidersTextFinishReasonUsageAndMetadata(AnswerCase answer) {
        enqueue(answer.response());

        PortSetup setup = setup();

        ChatResponse response = createPort(setup).chat(request());

        assertAnswer(response, answer.expected(), setup);
    }

    @Test
    void sendsOnePostCarryingTheKeyOnlyInItsKeyHeader() throws Exception {
        enqueue(plainAnswerCases().getFirst().response());

        createPort(setup()).chat(request());

        RecordedRequest recorded = takeRequest();
        assertThat(server.getRequestCount()).as("requests sent").isEqualTo(1);
        assertSentWithKeyOnlyInItsHeader(recorded);
        String json = body(recorded);
        assertThat(json).as("request body").contains("\"" + USER_TEXT + "\"");
        verifyRequestBody(json, request());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamCases")
    void streamsTextDeltasInOrderOnTheCallingThreadAndReturnsTheAssembledAnswer(StreamCase stream)
            throws Exception {
        enqueue(stream.response());
        List<String> deltas = new CopyOnWriteArrayList<>();
        AtomicBoolean onOtherThread = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        StreamListener listener = delta -> {
            deltas.add(delta);
            onOtherThread.compareAndSet(false, Thread.currentThread() != caller);
        };

        PortSetup setup = setup();

        ChatResponse response = createPort(setup)
                .chat(request().withStream(true), CallContext.none().withStreamListener(listener));

        assertThat(deltas).as("deltas delivered to the stream listener").containsExactlyElementsOf(stream.deltas());
        assertThat(onOtherThread).as("listener called from another thread than the caller's").isFalse();
        assertAnswer(response, stream.expected(), setup);
        RecordedRequest recorded = takeRequest();
        assertSentWithKeyOnlyInItsHeader(recorded);
        verifyRequestBody(body(recorded), request().withStream(true));
    }

    // ---------------------------------------------------------------- the adapter's error table

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureTable")
    void mapsEachErrorResponseToItsKindStatusCodeRequestIdAndWait(FailureCase failure) {
        enqueue(failure.response());
        PortSetup setup = setup();

        ModelCallException thrown = failureOf(() -> createPort(setup).chat(request()));

        assertFailure(thrown, failure.expected(), setup);
        assertThat(server.getRequestCount()).as("requests sent (the chain retries, not the adapter)").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamFailureTable")
    void mapsAnErrorInsideA200StreamLikeTheSameErrorOnAPlainResponse(FailureCase failure) {
        enqueue(failure.response());
        PortSetup setup = setup();

        ModelCallException thrown = failureOf(() -> createPort(setup).chat(request().withStream(true)));

        assertFailure(thrown, failure.expected(), setup);
    }

    @Test
    void reportsAStreamThatEndsBeforeAFinishReasonAsMalformedResponse() {
        enqueue(truncatedStream());
        PortSetup setup = setup();

        ModelCallException thrown = failureOf(() -> createPort(setup).chat(request().withStream(true)));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.httpStatus()).as("status").hasValue(200);
    }

    // ---------------------------------------------------------------- provider-neutral responses

    @Test
    void reportsAnHtmlGatewayPageAsProviderUnavailableKeepingItsStatus() {
        enqueue(CannedResponse.of(502, "text/html", """
                <html>
                <head><title>502 Bad Gateway</title></head>
                <body>
                <center><h1>502 Bad Gateway</h1></center>
                <hr><center>cloudflare</center>
                </body>
                </html>
                """));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(502);
    }

    @Test
    void keepsTheStatusWhenAnErrorBodyIsPlainText() {
        enqueue(CannedResponse.of(503, "text/plain", "upstream connect error or disconnect/reset before headers"));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(503);
        assertThat(thrown.detail()).as("detail").contains("upstream connect error");
    }

    @Test
    void honoursRetryAfterSecondsOnA429WithoutAJsonBody() {
        enqueue(CannedResponse.of(429, "text/plain", "Too Many Requests").withHeader("Retry-After", "7"));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown).as("exception").isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) thrown).retryAfter()).as("wait").hasValue(Duration.ofSeconds(7));
        assertThat(thrown.httpStatus()).as("status").hasValue(429);
    }

    @Test
    void reportsA408AsTimeoutAfterOneRequest() {
        enqueue(CannedResponse.of(408, "text/plain", "Request Timeout"));
        enqueue(plainAnswerCases().getFirst().response());

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.TIMEOUT);
        assertThat(thrown.httpStatus()).as("status").hasValue(408);
        assertThat(server.getRequestCount()).as("requests sent (an HTTP client may not resend on its own)")
                .isEqualTo(1);
    }

    @Test
    void reportsA503WithAZeroRetryAfterAfterOneRequest() {
        enqueue(CannedResponse.of(503, "text/plain", "Service Unavailable").withHeader("Retry-After", "0"));
        enqueue(plainAnswerCases().getFirst().response());

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(503);
        assertThat(server.getRequestCount()).as("requests sent (an HTTP client may not resend on its own)")
                .isEqualTo(1);
    }

    @Test
    void reportsA503WithARetryAfterBeyondAnIntByItsStatusAfterOneRequest() {
        enqueue(CannedResponse.of(503, "text/plain", "Service Unavailable").withHeader("Retry-After", "99999999999"));
        enqueue(plainAnswerCases().getFirst().response());

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(503);
        assertThat(thrown.detail()).as("detail").doesNotContain("NumberFormatException");
        assertThat(server.getRequestCount()).as("requests sent").isEqualTo(1);
    }

    @Test
    void reportsA204AsMalformedResponseInPlainWords() {
        enqueue(CannedResponse.of(204, "application/json", ""));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.detail()).as("detail").doesNotContainIgnoringCase("exception").doesNotContain("null");
    }

    @Test
    void reportsASuccessWithoutAContentTypeOrBodyAsMalformedResponseInPlainWords() {
        enqueue(new CannedResponse(200, List.of(), ""));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.detail()).as("detail").doesNotContainIgnoringCase("exception").doesNotContain("null");
    }

    @Test
    void reportsAnEmptyErrorBodyByItsStatus() {
        enqueue(CannedResponse.of(500, "application/json", ""));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(500);
    }

    @Test
    void reportsA200WhoseBodyIsNotJsonAsMalformedResponse() {
        enqueue(CannedResponse.of(200, "text/html", "<html><body>Welcome to nginx!</body></html>"));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.httpStatus()).as("status").hasValue(200);
    }

    @Test
    void reportsA200WithAnEmptyBodyAsMalformedResponse() {
        enqueue(CannedResponse.json(200, ""));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void reportsABodyAboveTheSizeCapAsMalformedResponse() {
        CannedResponse answer = plainAnswerCases().getFirst().response();
        enqueue(answer.withBody(" ".repeat((int) SIZE_CAP) + answer.body()));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    @Test
    void reportsAStreamAboveTheSizeCapAsMalformedResponse() {
        CannedResponse stream = streamCases().getFirst().response();
        enqueue(stream.withBody((": keep-alive padding\n\n").repeat((int) (SIZE_CAP / 20)) + stream.body()));

        ModelCallException thrown = failureOf(() -> createPort(setup())
                .chat(request().withStream(true), CallContext.none()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    // ---------------------------------------------------------------- transport

    @Test
    void reportsAServerThatSendsNothingWithinTheReadTimeoutAsTimeout() {
        server.enqueue(toMock(plainAnswerCases().getFirst().response())
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());

        ModelCallException thrown = failureOf(() -> createPort(setup().withReadTimeout(SHORT)).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.TIMEOUT);
        assertThat(thrown.httpStatus()).as("status").isEmpty();
    }

    @Test
    void reportsAStreamThatFallsSilentAsTimeout() {
        StreamCase stream = streamCases().getFirst();
        server.enqueue(stalledAfterFirstDelta(stream).build());

        ModelCallException thrown = failureOf(() -> createPort(setup().withReadTimeout(SHORT))
                .chat(request().withStream(true)));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void reportsACallThatOutlivesTheCallTimeoutAsTimeout() {
        server.enqueue(toMock(plainAnswerCases().getFirst().response())
                .bodyDelay(1, TimeUnit.SECONDS)
                .build());

        ModelCallException thrown = failureOf(() -> createPort(
                setup().withReadTimeout(Duration.ofSeconds(5)).withCallTimeout(SHORT)).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void endsACallByTheDeadlineItsCallerGaveAsTimeout() {
        server.enqueue(toMock(plainAnswerCases().getFirst().response())
                .bodyDelay(3, TimeUnit.SECONDS)
                .build());
        CallContext withDeadline = CallContext.none().withDeadline(java.time.Instant.now().plus(SHORT));

        long start = System.nanoTime();
        ModelCallException thrown = failureOf(() -> createPort(
                setup().withReadTimeout(Duration.ofSeconds(10)).withCallTimeout(Duration.ofSeconds(10)))
                .chat(request(), withDeadline));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("ended by the caller's deadline, not by the 3 s body delay or the 10 s timeouts")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void reportsARefusedConnectionAsProviderUnavailable() throws IOException {
        URI closed;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start(InetAddress.getLoopbackAddress(), 0);
            String url = gone.url(basePath()).toString();
            closed = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }

        ModelCallException thrown = failureOf(() -> createPort(setup().withBaseUrl(closed)).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").isEmpty();
    }

    @Test
    void reportsAConnectionClosedBeforeAnyResponseAsProviderUnavailable() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").isEmpty();
    }

    @Test
    void reportsAConnectionClosedHalfwayThroughTheBodyAsProviderUnavailable() {
        server.enqueue(toMock(plainAnswerCases().getFirst().response())
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    }

    @Test
    void reportsAStreamCutByAClosedConnectionAsAFailureNotAnAnswer() {
        server.enqueue(toMock(streamCases().getFirst().response())
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request().withStream(true)));

        assertThat(thrown.kind()).as("kind").isIn(ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.MALFORMED_RESPONSE);
    }

    // ---------------------------------------------------------------- cancellation

    @Test
    void cancelsTheCallWhenTheCallingThreadIsInterrupted() throws Exception {
        server.enqueue(toMock(plainAnswerCases().getFirst().response())
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        ModelPort port = createPort(setup().withReadTimeout(GENEROUS).withCallTimeout(GENEROUS));
        Outcome outcome = new Outcome();
        Thread caller = Thread.ofPlatform().name("conformance-caller").start(() -> outcome.run(
                () -> port.chat(request())));

        assertThat(server.takeRequest(JOIN_MILLIS, TimeUnit.MILLISECONDS)).as("request reached the server").isNotNull();
        caller.interrupt();
        caller.join(JOIN_MILLIS);

        outcome.assertCancelled(caller);
    }

    @Test
    void cancelsAStreamWhenTheCallingThreadIsInterrupted() throws Exception {
        StreamCase stream = streamCases().getFirst();
        server.enqueue(stalledAfterFirstDelta(stream).build());
        ModelPort port = createPort(setup().withReadTimeout(GENEROUS).withCallTimeout(GENEROUS));
        CountDownLatch firstDelta = new CountDownLatch(1);
        Outcome outcome = new Outcome();
        Thread caller = Thread.ofPlatform().name("conformance-caller").start(() -> outcome.run(
                () -> port.chat(request().withStream(true),
                        CallContext.none().withStreamListener(delta -> firstDelta.countDown()))));

        assertThat(firstDelta.await(JOIN_MILLIS, TimeUnit.MILLISECONDS)).as("first delta delivered").isTrue();
        caller.interrupt();
        caller.join(JOIN_MILLIS);

        outcome.assertCancelled(caller);
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void neverShowsTheKeyInTheToStringOfThePort() {
        ModelPort port = createPort(setup());

        assertThat(port.toString()).as("port.toString()").doesNotContain(apiKey().reveal());
    }

    @Test
    void keepsTheKeyOutOfTheExceptionWhenTheProviderEchoesIt() {
        enqueue(CannedResponse.of(401, "text/plain", "Invalid token: " + apiKey().reveal()));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertNoKeyIn(thrown);
    }

    @Test
    void keepsEveryPieceOfTheKeyOutOfTheExceptionWhateverItsShape() {
        String key = apiKey().reveal();
        String piece = key.substring(3, 13);
        enqueue(CannedResponse.of(401, "text/plain", "token rejected (" + piece + "...); sent:" + key + ";"));

        ModelCallException thrown = failureOf(() -> createPort(setup()).chat(request()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of " + t.getClass().getName())
                    .doesNotContain(piece).doesNotContain(key);
        }
    }

    // ---------------------------------------------------------------- assertions

    private MockResponse.Builder stalledAfterFirstDelta(StreamCase stream) {
        String body = stream.response().body();
        int from = stream.deltas().isEmpty() ? -1 : body.indexOf(stream.deltas().getFirst());
        int end = body.indexOf("\n\n", Math.max(from, 0));
        if (end < 0) {
            end = body.length() / 2;
        }
        byte[] head = body.substring(0, end + 2).getBytes(StandardCharsets.UTF_8);
        return toMock(stream.response()).throttleBody(head.length, GENEROUS.toSeconds(), TimeUnit.SECONDS);
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest recorded = server.takeRequest(JOIN_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(recorded).as("a request reached the server").isNotNull();
        return recorded;
    }

    private static String body(RecordedRequest recorded) {
        return recorded.getBody() == null ? "" : recorded.getBody().string(StandardCharsets.UTF_8);
    }

    private void assertSentWithKeyOnlyInItsHeader(RecordedRequest recorded) {
        String key = apiKey().reveal();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(recorded.getMethod()).as("method").isEqualTo("POST");
        soft.assertThat(recorded.getUrl().encodedPath()).as("path").isEqualTo(requestPath());
        soft.assertThat(recorded.getUrl().query()).as("query string").isNull();
        soft.assertThat(recorded.getHeaders().values(keyHeader())).as(keyHeader() + " headers")
                .containsExactly(keyHeaderValue(apiKey()));
        for (String name : recorded.getHeaders().names()) {
            if (!name.equalsIgnoreCase(keyHeader())) {
                soft.assertThat(recorded.getHeaders().values(name)).as("header " + name)
                        .noneMatch(value -> value.contains(key));
            }
        }
        soft.assertThat(body(recorded)).as("request body").doesNotContain(key);
        soft.assertAll();
    }

    private static void assertAnswer(ChatResponse response, ExpectedAnswer expected, PortSetup setup) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(response.model()).as("model").isEqualTo(setup.model());
        soft.assertThat(response.text()).as("text").isEqualTo(expected.text());
        soft.assertThat(response.finishReason().raw()).as("finish reason").isEqualTo(expected.finishReason());
        soft.assertThat(response.usage()).as("usage").isEqualTo(expected.usage());
        soft.assertThat(response.servedModel()).as("served model").isEqualTo(expected.servedModel());
        soft.assertThat(response.requestId()).as("request id").isEqualTo(expected.requestId());
        soft.assertThat(response.inferenceProvider()).as("inference provider").isEqualTo(expected.inferenceProvider());
        soft.assertAll();
    }

    private void assertFailure(ModelCallException thrown, ExpectedFailure expected, PortSetup setup) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(thrown.kind()).as("kind").isEqualTo(expected.kind());
        soft.assertThat(thrown.httpStatus()).as("HTTP status").isEqualTo(expected.httpStatus());
        soft.assertThat(thrown.providerCode()).as("provider code").isEqualTo(expected.providerCode());
        soft.assertThat(thrown.requestId()).as("request id").isEqualTo(expected.requestId());
        Optional<Duration> wait = thrown instanceof RateLimitedException limited ? limited.retryAfter() : Optional.empty();
        soft.assertThat(wait).as("wait").isEqualTo(expected.retryAfter());
        soft.assertThat(thrown.shouldRetryOverride()).as("retry override").isEqualTo(expected.shouldRetry());
        soft.assertThat(thrown.inferenceProvider()).as("inference provider").isEqualTo(expected.inferenceProvider());
        expected.detailContains().ifPresent(text -> soft.assertThat(thrown.detail()).as("detail").contains(text));
        soft.assertThat(thrown.model()).as("model").isEqualTo(setup.model());
        soft.assertAll();
        assertNoKeyIn(thrown);
    }

    private void assertNoKeyIn(Throwable thrown) {
        String key = apiKey().reveal();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of " + t.getClass().getName()).doesNotContain(key);
            assertThat(t.toString()).as("toString of " + t.getClass().getName()).doesNotContain(key);
        }
    }

    private static ModelCallException failureOf(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("what the call threw").isInstanceOf(ModelCallException.class);
        return (ModelCallException) thrown;
    }

    /** What a call made on another thread ended with, and whether that thread was left interrupted. */
    private static final class Outcome {
        private final AtomicReference<Object> result = new AtomicReference<>();
        private final AtomicBoolean interruptedAfter = new AtomicBoolean();

        void run(Runnable call) {
            try {
                call.run();
                result.set("returned normally");
            } catch (Throwable t) {
                result.set(t);
            } finally {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        }

        void assertCancelled(Thread caller) {
            assertThat(caller.isAlive()).as("caller still blocked " + JOIN_MILLIS + " ms after the interrupt").isFalse();
            assertThat(result.get()).as("what the interrupted call ended with")
                    .isInstanceOf(CancellationException.class);
            assertThat(interruptedAfter).as("interrupt flag restored").isTrue();
        }
    }
}
