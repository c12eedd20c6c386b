package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.platform.FastRead;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The event page ({@code GET /api/events/{eventId}}) and a seat map ({@code .../sections/{sectionId}/seats}) as
 * {@link FastRead}s: the copies {@link EventPages} and {@link SeatMaps} keep while they are fresh. A copy exists only for
 * what {@link EventController} has answered (a known event, a seated section), so no check is skipped; when there is
 * none, the controller answers and makes one.
 */
@Component
class FastEventReads implements FastRead {

    private final EventCatalog catalog;
    private final EventPages pages;
    private final SeatMaps seatMaps;

    FastEventReads(EventCatalog catalog, EventPages pages, SeatMaps seatMaps) {
        this.catalog = catalog;
        this.pages = pages;
        this.seatMaps = seatMaps;
    }

    @Override
    public Optional<FastAnswer> answer(List<String> segments, Jwt buyer) {
        if (segments.isEmpty() || !"events".equals(segments.get(0))) {
            return Optional.empty();
        }
        if (segments.size() == 2) {
            return catalog.index(segments.get(1))
                    .flatMap(pages::fresh)
                    .map(json -> new FastAnswer("event-page", json, false));
        }
        if (segments.size() == 5 && "sections".equals(segments.get(2)) && "seats".equals(segments.get(4))) {
            return seatMaps.fresh(segments.get(1), segments.get(3))
                    .map(json -> new FastAnswer("seat-map", json, false));
        }
        return Optional.empty();
    }
}
