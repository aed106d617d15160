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
        if (found.isEmpty()) {
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
        BitSet found = bytes.find(new String(value, StandardCharsets.ISO_8859_1));
        if (found.isEmpty()) {
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
        if (text == null) {
            return head;
        }
        Headers.Builder headers = new Headers.Builder();
        boolean changed = false;
        for (int i = 0; i < head.headers().size(); i++) {
            String value = redact(head.headers().value(i));
            changed |= !value.equals(head.headers().value(i));
            headers.addUnsafeNonAscii(head.headers().name(i), value);
        }
        return changed ? new HttpHead(head.status(), headers.build(), head.url()) : head;
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

    /** Finds where a key's pieces occur in a text, by a rolling hash of every window of {@link #PIECE} characters. */
    private static final class Pieces {
        private static final long BASE = 1_000_003L;

        private final String key;
        private final int width;
        private final long[] hashes;
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
                }
            }
            Arrays.sort(all);
            this.hashes = all;
        }

        private long roll(long hash, char out, char in, boolean full) {
            return (full ? hash - out * highest : hash) * BASE + in;
        }

        /** The positions of {@code value} that belong to a piece of the key. */
        BitSet find(String value) {
            BitSet found = new BitSet();
            long hash = 0;
            for (int i = 0; i < value.length(); i++) {
                hash = roll(hash, i >= width ? value.charAt(i - width) : 0, value.charAt(i), i >= width);
                int start = i - width + 1;
                if (start >= 0 && Arrays.binarySearch(hashes, hash) >= 0 && isPiece(value, start)) {
                    found.set(start, i + 1);
                }
            }
            return found;
        }

        private boolean isPiece(String value, int start) {
            for (int at = key.indexOf(value.charAt(start)); at >= 0 && at + width <= key.length();
                    at = key.indexOf(value.charAt(start), at + 1)) {
                if (value.regionMatches(start, key, at, width)) {
                    return true;
                }
            }
            return false;
        }
    }
}
