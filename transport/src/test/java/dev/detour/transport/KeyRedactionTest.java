package dev.detour.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.detour.core.secret.Redaction;
import dev.detour.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;
import java.util.Random;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The redaction finds exactly the characters that a plain search for every piece of the key finds. */
class KeyRedactionTest {

    private static final String ALPHABET = "abcXYZ0189-_";

    @Test
    void everyPieceOfTheKeyIsFoundWhereverItIsInTextsAndBodies() {
        Random random = new Random(17);
        for (int round = 0; round < 2_000; round++) {
            String key = randomText(random, 1 + random.nextInt(40));
            KeyRedaction redaction = KeyRedaction.of(Optional.of(Secret.of(key)));
            String text = textWithPieces(random, key);

            String expected = plainRedaction(key, text);

            assertThat(redaction.redact(text)).as("key %s in %s", key, text).isEqualTo(expected);
            byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(new String(redaction.redact(body), StandardCharsets.ISO_8859_1))
                    .as("key %s in the bytes of %s", key, text).isEqualTo(expected);
        }
    }

    @Test
    void aTextWithoutAPieceIsReturnedAsItWas() {
        KeyRedaction redaction = KeyRedaction.of(Optional.of(Secret.of("sk-proj-AbCdEfGh1234567890")));
        String text = "{\"choices\":[{\"message\":{\"content\":\"AbCdEfG is seven, not eight\"}}]}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        HttpHead head = new HttpHead(200, Headers.of("x-request-id", "req-1", "Content-Type", "application/json"),
                HttpUrl.get("https://api.example/v1/chat/completions"));

        assertThat(redaction.redact(text)).isSameAs(text);
        assertThat(redaction.redact(body)).isSameAs(body);
        assertThat(redaction.redact(head)).isSameAs(head);
    }

    @Test
    void aHeaderHoldingAPieceIsRedactedAndTheOthersKept() {
        KeyRedaction redaction = KeyRedaction.of(Optional.of(Secret.of("sk-proj-AbCdEfGh1234567890")));
        HttpHead head = new HttpHead(500, Headers.of("x-request-id", "req-1", "x-echo", "saw Gh1234567890 here"),
                HttpUrl.get("https://api.example/v1/chat/completions"));

        HttpHead redacted = redaction.redact(head);

        assertThat(redacted.header("x-echo")).isEqualTo("saw " + Redaction.MASK + " here");
        assertThat(redacted.header("x-request-id")).isEqualTo("req-1");
        assertThat(redacted.status()).isEqualTo(500);
    }

    private static String textWithPieces(Random random, String key) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(6);
        for (int part = 0; part < parts; part++) {
            text.append(randomText(random, random.nextInt(12)));
            int from = random.nextInt(key.length());
            int to = from + random.nextInt(key.length() - from + 1);
            text.append(key, from, to);
        }
        return text.append(randomText(random, random.nextInt(12))).toString();
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** What the redaction must do, found the slow way: mask every window of the piece width that the key holds. */
    private static String plainRedaction(String key, String text) {
        int width = Math.min(KeyRedaction.PIECE, key.length());
        BitSet found = new BitSet();
        for (int start = 0; start + width <= text.length(); start++) {
            if (key.contains(text.substring(start, start + width))) {
                found.set(start, start + width);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            if (found.get(i)) {
                out.append(Redaction.MASK);
                i = found.nextClearBit(i);
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }
}
