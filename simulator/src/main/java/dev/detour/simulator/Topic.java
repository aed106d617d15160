package dev.detour.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A search query as the simulated evidence echoes it: the query on one line, the phrase titles start with,
 * and a hash that every id and choice derives from, so the same query always gives the same records.
 *
 * @param query the query, white space and control characters folded to single spaces
 * @param phrase the query cut to a title's length, without trailing punctuation, starting with a capital
 * @param hash a stable 64-bit hash of the query, case and spacing ignored
 */
record Topic(String query, String phrase, long hash) {

    static final int PHRASE_LENGTH = 90;

    static Topic of(String query) {
        String folded = query.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        String phrase = Answers.excerpt(folded, PHRASE_LENGTH).replaceAll("[\\s?!.,;:…]+$", "");
        if (!phrase.isEmpty()) {
            phrase = phrase.substring(0, 1).toUpperCase(Locale.ROOT) + phrase.substring(1);
        }
        return new Topic(folded, phrase, hash(folded.toLowerCase(Locale.ROOT)));
    }

    boolean isBlank() {
        return phrase.isEmpty();
    }

    /** A value from 0 (inclusive) to {@code bound} (exclusive) for the {@code index}-th record and the purpose {@code salt}. */
    int pick(int index, int salt, int bound) {
        return (int) Math.floorMod(Dice.mix(hash ^ Dice.mix(index * 0x9E3779B97F4A7C15L + salt)), (long) bound);
    }

    /** The {@code index}-th of distinct numbers below {@code modulus}, spread over it. */
    long spread(int index, long modulus) {
        return Math.floorMod(hash + index * 7_919_333L, modulus);
    }

    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
