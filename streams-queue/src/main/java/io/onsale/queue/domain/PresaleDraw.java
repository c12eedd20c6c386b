package io.onsale.queue.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fair draw of pre-sale tickets at sale open, written so that anyone can re-run it.
 *
 * <p>Before opening the room publishes {@code commitment = hex(SHA-256(seed))}; at opening it reveals the 32-byte
 * {@code seed}. The draw is a Fisher–Yates shuffle of the ticket numbers {@code 1..N}: for {@code i} from
 * {@code N-1} down to {@code 1}, swap {@code order[i]} with {@code order[uniform(i+1)]}. The random numbers come
 * from blocks {@code SHA-256(seed || uint64-big-endian(k))}, {@code k = 0, 1, …}, each cut into four 8-byte
 * big-endian words shifted right by one bit ({@code v} in {@code [0, 2^63)}); {@code uniform(b)} takes words until
 * {@code v - v mod b + b - 1 < 2^63} and returns {@code v mod b}. Ticket {@code order[k]} gets position {@code k+1}.
 */
public final class PresaleDraw {

    public static final int SEED_BYTES = 32;

    private PresaleDraw() {}

    public static String commitment(String seedHex) {
        return HexFormat.of().formatHex(sha256(HexFormat.of().parseHex(seedHex)));
    }

    /** Whether a revealed seed is the one committed to. */
    public static boolean verifies(String seedHex, String commitmentHex) {
        if (seedHex == null || commitmentHex == null) {
            return false;
        }
        return MessageDigest.isEqual(
                commitment(seedHex).getBytes(StandardCharsets.US_ASCII),
                commitmentHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code positions[n - 1]} is the position drawn for pre-sale ticket {@code n}, for {@code n} in {@code 1..count}. */
    public static long[] positions(String seedHex, int count) {
        long[] order = new long[count];
        for (int i = 0; i < count; i++) {
            order[i] = i + 1;
        }
        Words words = new Words(HexFormat.of().parseHex(seedHex));
        for (int i = count - 1; i >= 1; i--) {
            int j = (int) words.uniform(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        long[] positions = new long[count];
        for (int k = 0; k < count; k++) {
            positions[(int) (order[k] - 1)] = k + 1;
        }
        return positions;
    }

    /** The position of one pre-sale ticket (computes the whole draw: cache it per event when asked often). */
    public static long positionOf(String seedHex, int count, long presaleNumber) {
        if (presaleNumber < 1 || presaleNumber > count) {
            throw new IllegalArgumentException(
                    "pre-sale ticket " + presaleNumber + " is not among the " + count + " drawn");
        }
        return positions(seedHex, count)[(int) (presaleNumber - 1)];
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The deterministic word stream of the draw. */
    private static final class Words {
        private final byte[] seed;
        private long block;
        private ByteBuffer current = ByteBuffer.allocate(0);

        Words(byte[] seed) {
            this.seed = seed.clone();
        }

        long next() {
            if (!current.hasRemaining()) {
                byte[] input = ByteBuffer.allocate(seed.length + Long.BYTES)
                        .put(seed)
                        .putLong(block++)
                        .array();
                current = ByteBuffer.wrap(sha256(input));
            }
            return current.getLong() >>> 1;
        }

        long uniform(long bound) {
            long value = next();
            long remainder = value % bound;
            while (value - remainder + (bound - 1) < 0) {
                value = next();
                remainder = value % bound;
            }
            return remainder;
        }
    }
}
