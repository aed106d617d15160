package dev.detour.transport;

import dev.detour.core.secret.Redaction;
import dev.detour.core.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Removes the exact key a transport sends, and every piece of it of {@link #PIECE} characters or more,
 * from what its provider returns: error bodies, answers, stream events, headers and transport failures.
 * A provider that echoes a key of any shape thus never gets it into a message; the shape rules of
 * {@link Redaction} still apply on top.
 */
final class KeyRedaction {

    /** The shortest piece of a key that is redacted on its own. */
    static final int PIECE = 8;

    private static final KeyRedaction NONE = new KeyRedaction(null);
    private static final byte[] MASK = Redaction.MASK.getBytes(StandardCharsets.US_ASCII);

    private final Pieces text;
    private final Pieces bytes;

    private KeyRedaction(String key) {
        this.text = key == null ? null : new Pieces(key);
        this.bytes = key == null ? null : new Pieces(new String(key.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1));
    }

    static KeyRedaction of(Optional<Secret> key) {
        return key.map(secret -> new KeyRedaction(secret.reveal())).orElse(NONE);
    }

    String redact(String value) {
        if (text == null || value == null) {
            return value;
        }
        BitSet found = text.find(value);
        if (found == null) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            if (found.get(i)) {
                out.append(Redaction.MASK);
                i = found.nextClearBit(i);
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }

    byte[] redact(byte[] value) {
        if (bytes == null || value == null) {
            return value;
        }
        BitSet found = bytes.find(new Latin1(value));
        if (found == null) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length);
        for (int i = 0; i < value.length; ) {
            if (found.get(i)) {
                out.writeBytes(MASK);
                i = found.nextClearBit(i);
            } else {
                out.write(value[i++]);
            }
        }
        return out.toByteArray();
    }

    HttpHead redact(HttpHead head) {
        if (text == null || !holdsPiece(head.headers())) {
            return head;
        }
        Headers.Builder headers = new Headers.Builder();
        for (int i = 0; i < head.headers().size(); i++) {
            headers.addUnsafeNonAscii(redact(head.headers().name(i)), redact(head.headers().value(i)));
        }
        return new HttpHead(head.status(), headers.build(), head.url());
    }

    private boolean holdsPiece(Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            if (text.find(headers.value(i)) != null || text.find(headers.name(i)) != null) {
                return true;
            }
        }
        return false;
    }

    TransportFailure redact(TransportFailure failure) {
        if (text == null) {
            return failure;
        }
        return new TransportFailure(failure.kind(), redact(failure.detail()), failure.head().map(this::redact),
                failure.cause().map(this::redact));
    }

    private Exception redact(Exception cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (!redact(String.valueOf(t.getMessage())).equals(String.valueOf(t.getMessage()))) {
                IOException plain = new IOException(redact(cause.toString()));
                plain.setStackTrace(cause.getStackTrace());
                return plain;
            }
        }
        return cause;
    }

    /** The bytes of a body read one character per byte (as ISO-8859-1 decodes them), without copying them. */
    private record Latin1(byte[] bytes) implements CharSequence {

        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Finds where a key's pieces occur in a text, by a rolling hash of every window of {@link #PIECE}
     * characters; a bit filter of the key's hashes turns almost every window away before the sorted hashes
     * are searched.
     */
    private static final class Pieces {
        private static final long BASE = 1_000_003L;
        private static final int FILTER_BITS = 4096;

        private final String key;
        private final int width;
        private final long[] hashes;
        private final long[] filter = new long[FILTER_BITS / 64];
        private final long highest;

        Pieces(String key) {
            this.key = key;
            this.width = Math.min(PIECE, key.length());
            long power = 1;
            for (int i = 1; i < width; i++) {
                power *= BASE;
            }
            this.highest = power;
            long[] all = new long[key.length() - width + 1];
            long hash = 0;
            for (int i = 0; i < key.length(); i++) {
                hash = roll(hash, i >= width ? key.charAt(i - width) : 0, key.charAt(i), i >= width);
                if (i >= width - 1) {
                    all[i - width + 1] = hash;
                    int bit = filterBit(hash);
                    filter[bit >>> 6] |= 1L << bit;
                }
            }
            Arrays.sort(all);
            this.hashes = all;
        }

        private long roll(long hash, char out, char in, boolean full) {
            return (full ? hash - out * highest : hash) * BASE + in;
        }

        private static int filterBit(long hash) {
            return (int) ((hash ^ (hash >>> 29) ^ (hash >>> 47)) & (FILTER_BITS - 1));
        }

        /** The positions of {@code value} that belong to a piece of the key, or null when none does. */
        BitSet find(CharSequence value) {
            BitSet found = null;
            long hash = 0;
            for (int i = 0; i < value.length(); i++) {
                hash = roll(hash, i >= width ? value.charAt(i - width) : 0, value.charAt(i), i >= width);
                int start = i - width + 1;
                int bit = filterBit(hash);
                if (start >= 0 && (filter[bit >>> 6] & (1L << bit)) != 0
                        && Arrays.binarySearch(hashes, hash) >= 0 && isPiece(value, start)) {
                    if (found == null) {
                        found = new BitSet();
                    }
                    found.set(start, i + 1);
                }
            }
            return found;
        }

        private boolean isPiece(CharSequence value, int start) {
            for (int at = key.indexOf(value.charAt(start)); at >= 0 && at + width <= key.length();
                    at = key.indexOf(value.charAt(start), at + 1)) {
                if (matches(value, start, at)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matches(CharSequence value, int start, int at) {
            for (int i = 0; i < width; i++) {
                if (value.charAt(start + i) != key.charAt(at + i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
