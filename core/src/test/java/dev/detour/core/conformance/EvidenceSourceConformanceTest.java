package dev.detour.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.detour.core.evidence.EvidenceRecord;
import dev.detour.core.evidence.EvidenceSource;
import dev.detour.core.evidence.SearchFailedException;
import dev.detour.core.evidence.SearchQuery;
import dev.detour.core.model.CallContext;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
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
 * The scenarios every {@link EvidenceSource} adapter must pass, over real HTTP against a loopback
 * MockWebServer: its searches and error table, then provider-neutral cases — HTML error pages, an HTML
 * page where data was expected, oversized bodies, timeouts, the caller's deadline, refused and dropped
 * connections, no silent resend, redirects that would carry the key elsewhere, interrupts, and keys that
 * must never leak.
 *
 * <p>To use it, extend this class in the adapter's test sources and supply {@link #createSource}
 * (a source built with exactly the given setup), {@link #searchCases()}, {@link #emptySearch()} and
 * {@link #failureCases()}, quoting captured payloads ({@link Fixtures#text(String)}) where there are
 * any. Override {@link #verifyRequests} to check the source-specific requests of a search. Do not weaken
 * a scenario in a subclass: a source that cannot pass one is not ready for research runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EvidenceSourceConformanceTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final long SIZE_CAP = 64 * 1024;
    private static final long JOIN_MILLIS = 10_000;

    private MockWebServer server;

    // ---------------------------------------------------------------- what the adapter supplies

    /** Builds the source under test with every value of {@code setup}. */
    protected abstract EvidenceSource createSource(SourceSetup setup);

    /** Successful searches, at least one; the first one's first response also serves the transport cases. */
    protected abstract List<SearchCase> searchCases();

    /** A search that matches nothing, answered as the source answers it (an empty result is not an error). */
    protected abstract SearchCase emptySearch();

    /** The source's error table: every error it sends (as a status or inside a 200) and the kind it maps to. */
    protected abstract List<SearchFailureCase> failureCases();

    /** The key the source sends, or empty for a source that takes none. */
    protected Optional<Secret> apiKey() {
        return Optional.of(Secret.of("fake-conformance-source-key-01"));
    }

    /** The path of the setup's base URL on the loopback server. */
    protected String basePath() {
        return "/api";
    }

    /** Checks the source-specific requests one search sent; the default checks nothing more. */
    protected void verifyRequests(List<RecordedRequest> requests, SearchCase search) throws Exception {}

    // ---------------------------------------------------------------- plumbing

    private final List<EvidenceSource> opened = new ArrayList<>();

    @BeforeEach
    final void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    final void stopServer() {
        opened.forEach(EvidenceSource::close);
        opened.clear();
        server.close();
    }

    /** A source made by {@link #createSource}, closed after the test so its HTTP client's threads end with it. */
    private EvidenceSource opened(SourceSetup setup) {
        EvidenceSource source = createSource(setup);
        opened.add(source);
        return source;
    }

    /** The loopback server; for adapter-specific tests in the subclass. */
    protected final MockWebServer server() {
        return server;
    }

    /** The setup the kit's ordinary scenarios use: short connect, 2 s read, 10 s call, 64 KiB cap. */
    protected final SourceSetup setup() {
        return new SourceSetup(baseUrl(server), "conformance-source", apiKey(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), SIZE_CAP);
    }

    /** Queues {@code response} on the loopback server. */
    protected final void enqueue(CannedResponse response) {
        server.enqueue(toMock(response).build());
    }

    private URI baseUrl(MockWebServer on) {
        String url = on.url(basePath()).toString();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static MockResponse.Builder toMock(CannedResponse response) {
        Headers.Builder headers = new Headers.Builder();
        response.headers().forEach(header -> headers.add(header.name(), header.value()));
        return new MockResponse.Builder().code(response.status()).headers(headers.build()).body(response.body());
    }

    private List<SearchCase> searchTable() {
        List<SearchCase> cases = searchCases();
        assertThat(cases).as("searchCases() must supply at least one case").isNotEmpty();
        return cases;
    }

    private List<SearchFailureCase> failureTable() {
        List<SearchFailureCase> cases = failureCases();
        assertThat(cases).as("failureCases() must supply the source's error table").isNotEmpty();
        return cases;
    }

    private SearchCase firstSearch() {
        return searchTable().getFirst();
    }

    private CannedResponse firstResponse() {
        return firstSearch().responses().getFirst();
    }

    // ---------------------------------------------------------------- searches

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchTable")
    void returnsTheRecordsOfASearchInOrderNamingTheSource(SearchCase search) throws Exception {
        search.responses().forEach(this::enqueue);

        List<EvidenceRecord> records = opened(setup()).search(search.query(), CallContext.none());

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(records).as("ids").extracting(record -> record.id().toString())
                .containsExactlyElementsOf(search.expectedIds());
        soft.assertThat(records.size()).as("records (the query's limit is " + search.query().limit() + ")")
                .isLessThanOrEqualTo(search.query().limit());
        soft.assertThat(records).as("source of every record").allMatch(record -> record.source().equals("conformance-source"));
        soft.assertAll();
        List<RecordedRequest> requests = takeRequests(search.responses().size());
        assertKeyOnlyWhereItBelongs(requests);
        verifyRequests(requests, search);
    }

    @Test
    void answersASearchThatMatchesNothingWithNoRecords() throws Exception {
        SearchCase empty = emptySearch();
        empty.responses().forEach(this::enqueue);

        List<EvidenceRecord> records = opened(setup()).search(empty.query(), CallContext.none());

        assertThat(records).as("records").isEmpty();
        assertKeyOnlyWhereItBelongs(takeRequests(server.getRequestCount()));
    }

    @Test
    void neverReturnsMoreRecordsThanTheQueryAsksFor() {
        SearchCase search = firstSearch();
        search.responses().forEach(this::enqueue);

        List<EvidenceRecord> records = opened(setup()).search(SearchQuery.of(search.query().text(), 1),
                CallContext.none());

        assertThat(records.size()).as("records for limit 1").isLessThanOrEqualTo(1);
    }

    // ---------------------------------------------------------------- the source's error table

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureTable")
    void mapsEachErrorToItsKindAndStatusWithoutRetryingOnItsOwn(SearchFailureCase failure) {
        failure.responses().forEach(this::enqueue);

        SearchFailedException thrown = failureOf(() -> opened(setup()).search(firstSearch().query(), CallContext.none()));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(thrown.kind()).as("kind").isEqualTo(failure.kind());
        soft.assertThat(thrown.httpStatus()).as("HTTP status").isEqualTo(failure.httpStatus());
        soft.assertThat(thrown.source()).as("source").isEqualTo("conformance-source");
        soft.assertThat(server.getRequestCount()).as("requests sent (the caller retries, not the adapter)")
                .isLessThanOrEqualTo(failure.responses().size());
        soft.assertAll();
        assertNoKeyIn(thrown);
    }

    // ---------------------------------------------------------------- provider-neutral responses

    @Test
    void reportsA404AsAnInvalidRequestSayingToCheckTheBaseUrlNotAsAMissingModel() {
        enqueue(CannedResponse.of(404, "text/plain", "Not Found"));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(thrown.httpStatus()).as("status").hasValue(404);
        assertThat(thrown.retryable()).as("retryable").isFalse();
        assertThat(thrown.detail()).contains("check the source's base URL", "Not Found");
        assertNoKeyIn(thrown);
    }

    @Test
    void reportsAnHtmlGatewayPageAsProviderUnavailableKeepingItsStatus() {
        enqueue(CannedResponse.of(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(502);
    }

    @Test
    void reportsAnHtmlPageWhereDataWasExpectedAsProviderUnavailableNotAParseCrash() {
        enqueue(CannedResponse.of(200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><body><h1>Service temporarily down for maintenance</h1></body></html>"));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    }

    @Test
    void reportsABareServerErrorByItsStatus() {
        enqueue(CannedResponse.of(500, "text/plain", ""));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").hasValue(500);
    }

    @Test
    void honoursRetryAfterOnA429() {
        enqueue(CannedResponse.of(429, "text/plain", "Too Many Requests").withHeader("Retry-After", "7"));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(thrown.retryAfter()).as("wait").hasValue(Duration.ofSeconds(7));
        assertThat(thrown.httpStatus()).as("status").hasValue(429);
    }

    @Test
    void sendsOneRequestForA408() {
        enqueue(CannedResponse.of(408, "text/plain", "Request Timeout"));
        enqueue(firstResponse());

        SearchFailedException timeout = failureOf(this::searchFirst);

        assertThat(timeout.kind()).as("kind of a 408").isEqualTo(ErrorKind.TIMEOUT);
        assertThat(server.getRequestCount()).as("requests sent after a 408 (no silent resend)").isEqualTo(1);
    }

    @Test
    void sendsOneRequestForA503() {
        enqueue(CannedResponse.of(503, "text/plain", "Service Unavailable").withHeader("Retry-After", "0"));
        enqueue(firstResponse());

        SearchFailedException unavailable = failureOf(this::searchFirst);

        assertThat(unavailable.kind()).as("kind of a 503").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(server.getRequestCount()).as("requests sent after a 503 (no silent resend)").isEqualTo(1);
    }

    @Test
    void reportsABodyAboveTheSizeCapAsMalformedResponse() {
        CannedResponse answer = firstResponse();
        String padding = answer.body().stripLeading().startsWith("<") ? "<!--" + " ".repeat((int) SIZE_CAP) + "-->"
                : " ".repeat((int) SIZE_CAP);
        enqueue(answer.withBody(padding + answer.body()));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }

    // ---------------------------------------------------------------- transport

    @Test
    void reportsAServerThatSendsNothingWithinTheReadTimeoutAsTimeout() {
        server.enqueue(toMock(firstResponse()).onResponseStart(SocketEffect.Stall.INSTANCE).build());

        SearchFailedException thrown = failureOf(() -> opened(setup().withReadTimeout(SHORT))
                .search(firstSearch().query(), CallContext.none()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.TIMEOUT);
        assertThat(thrown.httpStatus()).as("status").isEmpty();
    }

    @Test
    void endsASearchByTheDeadlineItsCallerGaveAsTimeout() {
        server.enqueue(toMock(firstResponse()).onResponseStart(SocketEffect.Stall.INSTANCE).build());
        EvidenceSource source = opened(setup().withReadTimeout(GENEROUS).withCallTimeout(GENEROUS));

        SearchFailedException thrown = failureOf(() -> source.search(firstSearch().query(),
                CallContext.none().withDeadline(Instant.now().plus(SHORT))));

        assertThat(thrown.kind()).as("kind (the server never answers; only the deadline can end the search)")
                .isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void reportsARefusedConnectionAsProviderUnavailable() throws IOException {
        URI closed;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start(InetAddress.getLoopbackAddress(), 0);
            closed = baseUrl(gone);
        }

        SearchFailedException thrown = failureOf(() -> opened(setup().withBaseUrl(closed))
                .search(firstSearch().query(), CallContext.none()));

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(thrown.httpStatus()).as("status").isEmpty();
    }

    @Test
    void reportsADroppedConnectionAsProviderUnavailable() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
        assertThat(server.getRequestCount()).as("requests sent (no silent resend)").isEqualTo(1);
    }

    @Test
    void followsNoRedirectSoTheKeyNeverReachesAnotherOrigin() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getLoopbackAddress(), 0);
            elsewhere.enqueue(toMock(firstResponse()).build());
            enqueue(CannedResponse.of(302, "text/plain", "").withHeader("Location", elsewhere.url("/stolen").toString()));

            SearchFailedException thrown = failureOf(this::searchFirst);

            assertThat(elsewhere.getRequestCount()).as("requests that reached the other origin").isZero();
            assertNoKeyIn(thrown);
        }
    }

    // ---------------------------------------------------------------- cancellation

    @Test
    void cancelsTheSearchWhenTheCallingThreadIsInterrupted() throws Exception {
        server.enqueue(toMock(firstResponse()).onResponseStart(SocketEffect.Stall.INSTANCE).build());
        EvidenceSource source = opened(setup().withReadTimeout(GENEROUS).withCallTimeout(GENEROUS));
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().name("conformance-caller").start(() -> {
            try {
                source.search(firstSearch().query(), CallContext.none());
                result.set("returned normally");
            } catch (Throwable t) {
                result.set(t);
            } finally {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });

        assertThat(server.takeRequest(JOIN_MILLIS, TimeUnit.MILLISECONDS)).as("request reached the server").isNotNull();
        caller.interrupt();
        caller.join(JOIN_MILLIS);

        assertThat(caller.isAlive()).as("caller still blocked " + JOIN_MILLIS + " ms after the interrupt").isFalse();
        assertThat(result.get()).as("what the interrupted search ended with").isInstanceOf(CancellationException.class);
        assertThat(interruptedAfter).as("interrupt flag restored").isTrue();
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void neverShowsTheKeyInTheToStringOfTheSource() {
        EvidenceSource source = opened(setup());

        apiKey().ifPresent(key -> assertThat(source.toString()).as("source.toString()").doesNotContain(key.reveal()));
    }

    @Test
    void keepsTheKeyOutOfTheFailureWhenTheSourceEchoesIt() {
        String echoed = apiKey().map(Secret::reveal).orElse("no-key");
        enqueue(CannedResponse.of(401, "text/plain", "Invalid API key: " + echoed));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.AUTHENTICATION_FAILED);
        assertNoKeyIn(thrown);
    }

    @Test
    void reportsA204AsMalformedResponseInPlainWords() {
        enqueue(CannedResponse.of(204, "application/json", ""));

        SearchFailedException thrown = failureOf(this::searchFirst);

        assertThat(thrown.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(thrown.getMessage()).as("message").doesNotContain("NullPointerException").doesNotContain("null");
    }

    @Test
    void keepsEveryPieceOfTheKeyOutOfTheFailureWhenTheSourceEchoesIt() {
        if (apiKey().isEmpty()) {
            return;
        }
        String key = apiKey().get().reveal();
        String piece = key.substring(2, 12);
        enqueue(CannedResponse.of(403, "text/plain", "key " + piece + "... is not allowed; sent api_key=" + key));

        SearchFailedException thrown = failureOf(this::searchFirst);

        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of " + t.getClass().getName())
                    .doesNotContain(piece).doesNotContain(key);
        }
    }

    // ---------------------------------------------------------------- assertions

    private List<EvidenceRecord> searchFirst() {
        return opened(setup()).search(firstSearch().query(), CallContext.none());
    }

    private List<RecordedRequest> takeRequests(int count) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordedRequest recorded = server.takeRequest(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(recorded).as("request " + (i + 1) + " of " + count + " reached the server").isNotNull();
            requests.add(recorded);
        }
        return requests;
    }

    private void assertKeyOnlyWhereItBelongs(List<RecordedRequest> requests) {
        SoftAssertions soft = new SoftAssertions();
        for (RecordedRequest recorded : requests) {
            soft.assertThat(recorded.getUrl().encodedPath()).as("path of " + recorded.getUrl())
                    .startsWith(basePath());
            apiKey().ifPresent(key -> {
                for (String name : recorded.getHeaders().names()) {
                    if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("x-api-key")
                            && !name.equalsIgnoreCase("api-key")) {
                        soft.assertThat(recorded.getHeaders().values(name)).as("header " + name)
                                .noneMatch(value -> value.contains(key.reveal()));
                    }
                }
            });
        }
        soft.assertAll();
    }

    private void assertNoKeyIn(Throwable thrown) {
        Optional<String> key = apiKey().map(Secret::reveal);
        if (key.isEmpty()) {
            return;
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of " + t.getClass().getName()).doesNotContain(key.get());
            assertThat(t.toString()).as("toString of " + t.getClass().getName()).doesNotContain(key.get());
        }
    }

    private static SearchFailedException failureOf(Runnable search) {
        Throwable thrown = catchThrowable(search::run);
        assertThat(thrown).as("what the search threw").isInstanceOf(SearchFailedException.class);
        return (SearchFailedException) thrown;
    }
}
