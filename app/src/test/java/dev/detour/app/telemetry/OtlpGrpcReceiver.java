package dev.detour.app.telemetry;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Protocol;
import okio.Buffer;

/**
 * An OTLP/gRPC collector on loopback: HTTP/2 without TLS (prior knowledge, as a collector's plain gRPC port
 * speaks it), the two Export methods, each request's length-prefixed message decoded as protobuf and kept
 * with the headers it came with, and an empty response with {@code grpc-status: 0} in the trailers.
 */
final class OtlpGrpcReceiver implements AutoCloseable {

    static final String TRACES = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    static final String METRICS = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    /** One Export call as it arrived: the HTTP version, its headers and the decoded message. */
    record Call<T>(String version, Headers headers, T message) {}

    final List<Call<ExportTraceServiceRequest>> traces = new CopyOnWriteArrayList<>();
    final List<Call<ExportMetricsServiceRequest>> metrics = new CopyOnWriteArrayList<>();
    /** What the receiver could not take: an unknown method, a malformed message. */
    final List<String> problems = new CopyOnWriteArrayList<>();
    private final MockWebServer server = new MockWebServer();

    OtlpGrpcReceiver() {
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return answer(request);
                } catch (IOException e) {
                    problems.add(request.getUrl().encodedPath() + ": " + e.getMessage());
                    return failure(13, e.getMessage());
                }
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The collector's address, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code telemetry.endpoint} names it. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** Every span of every trace export, in the order they arrived. */
    List<Span> spans() {
        return traces.stream()
                .flatMap(call -> call.message().getResourceSpansList().stream())
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
    }

    private MockResponse answer(RecordedRequest request) throws IOException {
        String path = request.getUrl().encodedPath();
        byte[] message = message(request);
        switch (path) {
            case TRACES -> traces.add(new Call<>(request.getVersion(), request.getHeaders(),
                    ExportTraceServiceRequest.parseFrom(message)));
            case METRICS -> metrics.add(new Call<>(request.getVersion(), request.getHeaders(),
                    ExportMetricsServiceRequest.parseFrom(message)));
            default -> {
                problems.add("unknown method " + path);
                return failure(12, "unknown method");
            }
        }
        Buffer emptyResponse = new Buffer().writeByte(0).writeInt(0);
        return new MockResponse.Builder().code(200).addHeader("content-type", "application/grpc")
                .body(emptyResponse).trailers(Headers.of("grpc-status", "0")).build();
    }

    private static MockResponse failure(int status, String message) {
        return new MockResponse.Builder().code(200).addHeader("content-type", "application/grpc")
                .trailers(Headers.of("grpc-status", String.valueOf(status), "grpc-message", message)).build();
    }

    /** The one message of a unary call: a compressed flag, a four-byte big-endian length, then the bytes. */
    private static byte[] message(RecordedRequest request) throws IOException {
        ByteBuffer frame = ByteBuffer.wrap(request.getBody() == null ? new byte[0] : request.getBody().toByteArray());
        if (frame.remaining() < 5) {
            throw new IOException("a gRPC message needs a 5-byte prefix; " + frame.remaining() + " bytes arrived");
        }
        boolean compressed = frame.get() == 1;
        byte[] bytes = new byte[frame.getInt()];
        frame.get(bytes);
        if (frame.hasRemaining()) {
            throw new IOException(frame.remaining() + " bytes follow the one message of a unary call");
        }
        if (!compressed) {
            return bytes;
        }
        if (!"gzip".equals(request.getHeaders().get("grpc-encoding"))) {
            throw new IOException("a compressed message with grpc-encoding " + request.getHeaders().get("grpc-encoding"));
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
