package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.Engine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event pages, encoded, kept for {@link #FRESH_FOR}: every buyer of an on-sale loads the page, and each load turned the
 * whole venue (10,000 seats in the medium preset) into JSON again; 7,249 of that run's 11,442 client timeouts were
 * event pages (docs/benchmarks/log/2026-12-03-session-5-fast-holds.md). The counts on the page come from section
 * summaries published at most every half second, so a page half a second old says nothing older. A new config is a new
 * {@link EventIndex}: a page encoded from the previous one is never served; nor is any page while the reservation state
 * is not RUNNING (503, as before).
 */
@Component
class EventPages {

    static final Duration FRESH_FOR = Duration.ofMillis(500);
    private static final int MAX_ENTRIES = 1_000;

    private final EncodedCopies copies;

    @Autowired
    EventPages(Engine streams, JsonMapper json) {
        this(streams, json, System::nanoTime);
    }

    EventPages(Engine streams, JsonMapper json, LongSupplier nanoTime) {
        this.copies = new EncodedCopies(streams, json, nanoTime, FRESH_FOR, MAX_ENTRIES);
    }

    /** The page of this config as encoded less than {@link #FRESH_FOR} ago, while the counts are queryable. */
    Optional<byte[]> fresh(EventIndex index) {
        return copies.fresh(index.config().getEventId(), index);
    }

    byte[] encode(EventIndex index, EventView page) {
        return copies.encode(index.config().getEventId(), index, page);
    }
}
