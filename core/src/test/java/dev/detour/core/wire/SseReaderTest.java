package dev.detour.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> read(String stream) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new StringReader(stream))) {
            Optional<SseEvent> next;
            while ((next = reader.next()).isPresent()) {
                events.add(next.get());
            }
        }
        return events;
    }

    @Test
    void dropsALeadingByteOrderMarkSoTheFirstEventIsNotLost() throws IOException {
        List<SseEvent> events = read("\uFEFFdata: first\n\ndata: second\n\n");

        assertThat(events).extracting(SseEvent::data).containsExactly("first", "second");
    }

    @Test
    void keepsAByteOrderMarkThatIsNotAtTheStartOfTheStream() throws IOException {
        List<SseEvent> events = read("data: first\n\ndata: \uFEFFsecond\n\n");

        assertThat(events).extracting(SseEvent::data).containsExactly("first", "\uFEFFsecond");
    }
}
