package io.onsale.edge.buyer;

import io.onsale.edge.platform.Engine;
import io.onsale.kafka.topics.PartitionKeys;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seat maps, encoded, kept for {@link #FRESH_FOR} on the instance that answered them: in an on-sale thousands of
 * buyers read the same section every second, and each read was a scan of the section's seats, an Avro decode per
 * seat and a JSON encoding (docs/benchmarks/log/2026-11-28-holds-http.md). A seat map is advisory (the engine decides
 * every hold), so a tenth of a second is a fair price; never served while the reservation state is not RUNNING
 * (rebalancing answers 503, not a copy).
 */
@Component
class SeatMaps {

    static final Duration FRESH_FOR = Duration.ofMillis(100);
    /** Sections across every event; beyond it, stale maps are dropped. */
    private static final int MAX_ENTRIES = 2_000;

    private final EncodedCopies copies;

    @Autowired
    SeatMaps(Engine streams, JsonMapper json) {
        this(streams, json, System::nanoTime);
    }

    SeatMaps(Engine streams, JsonMapper json, LongSupplier nanoTime) {
        this.copies = new EncodedCopies(streams, json, nanoTime, FRESH_FOR, MAX_ENTRIES);
    }

    /** The section's map as encoded less than {@link #FRESH_FOR} ago, while the state is queryable. */
    Optional<byte[]> fresh(String eventId, String sectionId) {
        return copies.fresh(key(eventId, sectionId), null);
    }

    /** Encodes a map just read from the engine's state and keeps it. */
    byte[] encode(SeatMap map) {
        return copies.encode(key(map.eventId(), map.sectionId()), null, map);
    }

    /**
     * Keeps a map the instance that owns the section answered (relayed here as is), so the next reads here are served
     * from memory too instead of crossing over each time: such a copy is at most twice {@link #FRESH_FOR} old.
     */
    void keepRelayed(String eventId, String sectionId, byte[] json) {
        copies.keep(key(eventId, sectionId), null, json);
    }

    private static String key(String eventId, String sectionId) {
        return PartitionKeys.section(eventId, sectionId);
    }
}
