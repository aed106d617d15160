package dev.detour.transport;

import dev.detour.core.wire.SseEvent;
import java.util.Optional;

/**
 * The {@link ResponseReader} an adapter gave, handed everything of the response with the transport's key
 * redacted ({@link KeyRedaction}), so no adapter can let an echoed key through.
 */
final class RedactingReader<T> implements ResponseReader<T> {

    private final ResponseReader<T> reader;
    private final KeyRedaction redaction;

    RedactingReader(ResponseReader<T> reader, KeyRedaction redaction) {
        this.reader = reader;
        this.redaction = redaction;
    }

    @Override
    public RuntimeException rejected(HttpHead head, byte[] body) {
        return reader.rejected(redaction.redact(head), redaction.redact(body));
    }

    @Override
    public T body(HttpHead head, byte[] body) {
        return reader.body(redaction.redact(head), redaction.redact(body));
    }

    @Override
    public EventReader<T> events(HttpHead head) {
        EventReader<T> events = reader.events(redaction.redact(head));
        return new EventReader<>() {
            @Override
            public boolean accept(SseEvent event) {
                String type = redaction.redact(event.type());
                String data = redaction.redact(event.data());
                Optional<String> id = event.id().map(redaction::redact);
                boolean untouched = type.equals(event.type()) && data.equals(event.data()) && id.equals(event.id());
                return events.accept(untouched ? event : new SseEvent(type, data, id));
            }

            @Override
            public T finish() {
                return events.finish();
            }
        };
    }

    @Override
    public RuntimeException failed(TransportFailure failure) {
        return reader.failed(redaction.redact(failure));
    }
}
