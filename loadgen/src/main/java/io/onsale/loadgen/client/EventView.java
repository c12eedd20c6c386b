package io.onsale.loadgen.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/events/{eventId}}: the config as buyers read it, with live availability per section. */
public record EventView(
        String eventId,
        String name,
        String venue,
        Instant saleOpensAt,
        String currency,
        Integer holdWindowMinutes,
        Integer perBuyerLimit,
        List<SectionView> sections) {

    public EventView {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }

    public Optional<SectionView> section(String sectionId) {
        return sections.stream()
                .filter(section -> section.sectionId().equals(sectionId))
                .findFirst();
    }

    /** {@code availability} is absent until the engine has counted the section; the seats are in its seat map. */
    public record SectionView(
            String sectionId,
            String name,
            String kind,
            String priceTier,
            Long priceMinor,
            Integer seatCount,
            List<EventConfig.Zone> zones,
            Availability availability) {}

    /** Counts of tickets, refreshed by the engine at most every half second. */
    public record Availability(int capacity, int available, int held, int sold, Instant updatedAt) {}
}
