package dev.detour.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The HTML standard's event-stream parser ignores one leading U+FEFF; a reader that does not loses the first event. */
class SseReaderByteOrderMarkTest {

    @Test
    void aLeadingByteOrderMarkIsSkippedSoTheFirstEventIsKept() throws IOException {
        try (SseReader reader = new SseReader(new StringReader("\uFEFFdata: first\n\ndata: second\n\n"))) {
            assertThat(reader.next()).map(SseEvent::data).contains("first");
            assertThat(reader.next()).map(SseEvent::data).contains("second");
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void onlyTheFirstLineLosesAByteOrderMark() throws IOException {
        try (SseReader reader = new SseReader(new StringReader("data: a\n\n\uFEFFdata: b\n\n"))) {
            assertThat(reader.next()).map(SseEvent::data).contains("a");
            assertThat(reader.next()).as("a BOM later in the stream is part of a field name").isEmpty();
        }
    }
}
