package io.onsale.edge.buyer;

import io.onsale.edge.platform.Engine;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers kept, encoded, for a short while, so thousands of buyers reading the same thing in the same second
 * share one encoding (seat maps, event pages). A copy is served only while it is younger than {@code freshFor}, was
 * made from the same {@code version} of its source ({@code null} when there is only one), and the reservation state
 * is RUNNING: while it moves between instances the answer is 503, never a copy.
 */
final class EncodedCopies {

    private record Encoded(Object version, byte[] json, long encodedAt) {}

    private final Engine streams;
    private final JsonMapper json;
    private final LongSupplier nanoTime;
    private final long freshForNanos;
    private final int maxEntries;
    private final Map<String, Encoded> copies = new ConcurrentHashMap<>();

    EncodedCopies(Engine streams, JsonMapper json, LongSupplier nanoTime, Duration freshFor, int maxEntries) {
        this.streams = streams;
        this.json = json;
        this.nanoTime = nanoTime;
        this.freshForNanos = freshFor.toNanos();
        this.maxEntries = maxEntries;
    }

    Optional<byte[]> fresh(String key, Object version) {
        Encoded encoded = copies.get(key);
        if (encoded == null
                || !Objects.equals(encoded.version(), version)
                || nanoTime.getAsLong() - encoded.encodedAt() > freshForNanos
                || streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(encoded.json());
    }

    /** Encodes {@code value} just read from its source and keeps the copy. */
    byte[] encode(String key, Object version, Object value) {
        return keep(key, version, json.writeValueAsBytes(value));
    }

    /** Keeps {@code encoded}, the JSON of the source as just read (here or by the instance that owns it). */
    byte[] keep(String key, Object version, byte[] encoded) {
        long now = nanoTime.getAsLong();
        if (copies.size() >= maxEntries) {
            copies.values().removeIf(old -> now - old.encodedAt() > freshForNanos);
        }
        copies.put(key, new Encoded(version, encoded, now));
        return encoded;
    }
}
