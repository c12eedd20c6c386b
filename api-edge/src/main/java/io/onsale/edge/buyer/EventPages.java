package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ReservationsStreams;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event pages, encoded, kept for {@link #FRESH_FOR}: every buyer of an on-sale loads the page, and each load turned the
 * whole venue (10,000 seats in the medium preset) into JSON again; 7,249 of that run's 11,442 client timeouts were
 * event pages (docs/benchmarks.md). The counts on the page come from section summaries published at most every half
 * second, so a page half a second old says nothing older. A new config is a new {@link EventIndex}: a page encoded
 * from the previous one is never served; nor is any page while the reservation state is not RUNNING (503, as before).
 */
@Component
class EventPages {

    static final Duration FRESH_FOR = Duration.ofMillis(500);
    private static final int MAX_ENTRIES = 1_000;

    private record Encoded(EventIndex index, byte[] json, long encodedAt) {
    }

    private final ReservationsStreams streams;
    private final JsonMapper json;
    private final LongSupplier nanoTime;
    private final Map<String, Encoded> pages = new ConcurrentHashMap<>();

    @Autowired
    EventPages(ReservationsStreams streams, JsonMapper json) {
        this(streams, json, System::nanoTime);
    }

    EventPages(ReservationsStreams streams, JsonMapper json, LongSupplier nanoTime) {
        this.streams = streams;
        this.json = json;
        this.nanoTime = nanoTime;
    }

    /** The page of this config as encoded less than {@link #FRESH_FOR} ago, while the counts are queryable. */
    Optional<byte[]> fresh(EventIndex index) {
        Encoded encoded = pages.get(index.config().getEventId());
        if (encoded == null || encoded.index() != index || nanoTime.getAsLong() - encoded.encodedAt() > FRESH_FOR.toNanos()
                || streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(encoded.json());
    }

    byte[] encode(EventIndex index, EventView page) {
        byte[] encoded = json.writeValueAsBytes(page);
        long now = nanoTime.getAsLong();
        if (pages.size() >= MAX_ENTRIES) {
            pages.values().removeIf(old -> now - old.encodedAt() > FRESH_FOR.toNanos());
        }
        pages.put(index.config().getEventId(), new Encoded(index, encoded, now));
        return encoded;
    }
}
