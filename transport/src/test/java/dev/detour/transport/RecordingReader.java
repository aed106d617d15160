package dev.detour.transport;

import dev.detour.core.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link ResponseReader} for tests: a body is its text, a stream the data of its events joined by
 * {@code |} up to {@code [DONE]}; an error status and a transport failure are thrown as exceptions that
 * carry what the reader was given.
 */
class RecordingReader implements ResponseReader<String> {

    /** An error status the reader was given. */
    static final class Rejection extends RuntimeException {
        final HttpHead head;
        final byte[] body;

        Rejection(HttpHead head, byte[] body) {
            super("HTTP " + head.status());
            this.head = head;
            this.body = body;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A transport failure the reader was given. */
    static final class Failure extends RuntimeException {
        final TransportFailure failure;

        Failure(TransportFailure failure) {
            super(failure.detail());
            this.failure = failure;
        }
    }

    final List<String> threads = new ArrayList<>();
    /** Every event of a stream, as it was given. */
    final List<SseEvent> events = new ArrayList<>();
    /** Counted down when the first event of a stream arrives. */
    final CountDownLatch firstEvent = new CountDownLatch(1);

    @Override
    public RuntimeException rejected(HttpHead head, byte[] body) {
        threads.add(Thread.currentThread().getName());
        return new Rejection(head, body);
    }

    @Override
    public String body(HttpHead head, byte[] body) {
        threads.add(Thread.currentThread().getName());
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public EventReader<String> events(HttpHead head) {
        List<String> data = new ArrayList<>();
        return new EventReader<>() {
            @Override
            public boolean accept(SseEvent event) {
                threads.add(Thread.currentThread().getName());
                firstEvent.countDown();
                events.add(event);
                if (event.data().equals("[DONE]")) {
                    return false;
                }
                data.add(event.data());
                return true;
            }

            @Override
            public String finish() {
                return String.join("|", data);
            }
        };
    }

    @Override
    public RuntimeException failed(TransportFailure failure) {
        return new Failure(failure);
    }
}
