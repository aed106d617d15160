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
            Optional<SseEvent> event;
            while ((event = reader.next()).isPresent()) {
                events.add(event.get());
            }
        }
        return events;
    }

    @Test
    void readsDataWithOrWithoutASpaceAfterTheColon() throws IOException {
        assertThat(read("data: {\"a\":1}\n\ndata:{\"b\":2}\n\n")).extracting(SseEvent::data)
                .containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void skipsCommentsAndJoinsMultiLineData() throws IOException {
        assertThat(read(": keep-alive\n\ndata: first\ndata: second\n\n")).singleElement()
                .extracting(SseEvent::data).isEqualTo("first\nsecond");
    }

    @Test
    void acceptsCrLfAndCrLineEnds() throws IOException {
        assertThat(read("data: one\r\n\r\ndata: two\r\rdata: three\n\n")).extracting(SseEvent::data)
                .containsExactly("one", "two", "three");
    }

    @Test
    void readsEventTypesAndIds() throws IOException {
        assertThat(read("event: error\nid: 7\ndata: boom\n\ndata: next\n\n")).satisfiesExactly(
                first -> {
                    assertThat(first.type()).isEqualTo("error");
                    assertThat(first.id()).contains("7");
                },
                second -> {
                    assertThat(second.type()).isEqualTo("message");
                    assertThat(second.id()).as("the last event id carries over").contains("7");
                });
    }

    @Test
    void deliversALastEventThatTheEndOfTheStreamCutsOff() throws IOException {
        assertThat(read("data: one\n\ndata: two")).extracting(SseEvent::data).containsExactly("one", "two");
    }

    @Test
    void ignoresBlocksWithoutData() throws IOException {
        assertThat(read("event: ping\n\nretry: 100\n\n")).isEmpty();
    }

    @Test
    void keepsAnEmptyDataLineAsAnEmptyEvent() throws IOException {
        assertThat(read("data:\n\n")).singleElement().extracting(SseEvent::data).isEqualTo("");
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
