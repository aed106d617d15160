package dev.detour.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalInt;

/**
 * The opaque paging tokens the simulator hands out (Europe PMC's {@code nextCursorMark},
 * ClinicalTrials.gov's {@code nextPageToken}, OpenAlex's {@code next_cursor}): an offset into the query's
 * hits, encoded so that a client treats it as opaque, as it must with the real ones.
 */
final class PageToken {

    private static final String PREFIX = "detour-sim-offset:";

    private PageToken() {}

    static String of(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset {@code token} stands for; empty when the simulator did not hand it out. */
    static OptionalInt offset(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                return OptionalInt.empty();
            }
            int offset = Integer.parseInt(text.substring(PREFIX.length()));
            return offset < 0 ? OptionalInt.empty() : OptionalInt.of(offset);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
