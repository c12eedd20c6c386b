package io.onsale.edge.buyer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.onsale.edge.catalog.EventConfigJson;
import io.onsale.edge.queue.QueueSummaries;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.reservation.SectionSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An event as buyers read it: the organizer's config, per section its live {@code availability} (counts of tickets
 * from the engine's section summaries, refreshed at most every half second; absent for a section the engine has not
 * counted yet), and the waiting room's live {@code queue} summary (absent until the room has published progress).
 *
 * <p>A seated section says how many seats it has, not which: every buyer loads this page on arrival, and with the whole
 * venue in it (10,000 seats, some 600 KB, in the medium preset) it was most of the edge's bytes and 85% of the
 * preset's client timeouts (docs/benchmarks/log/2026-12-03-session-6-fast-reads.md). The seats, with their live status,
 * are the section's seat map.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(
        String eventId,
        String name,
        String venue,
        Instant saleOpensAt,
        String currency,
        Integer holdWindowMinutes,
        Integer perBuyerLimit,
        List<SectionView> sections,
        EventConfigJson.QueuePolicyJson queuePolicy,
        QueueSummaries.Summary queue) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SectionView(
            String sectionId,
            String name,
            String kind,
            String priceTier,
            Long priceMinor,
            Integer seatCount,
            List<EventConfigJson.ZoneJson> zones,
            Availability availability) {}

    /** Tickets, not units: a zone of 100 counts 100. */
    record Availability(int capacity, int available, int held, int sold, Instant updatedAt) {}

    static EventView of(EventConfig config, List<SectionSummary> summaries, QueueSummaries.Summary queue) {
        EventConfigJson json = EventConfigJson.fromAvro(config);
        Map<String, SectionSummary> bySection = summaries.stream()
                .collect(
                        Collectors.toMap(SectionSummary::getSectionId, Function.identity(), (first, second) -> second));
        List<SectionView> sections = json.sections().stream()
                .map(section -> {
                    SectionSummary summary = bySection.get(section.sectionId());
                    Availability availability = summary == null
                            ? null
                            : new Availability(
                                    summary.getCapacity(),
                                    summary.getAvailable(),
                                    summary.getHeld(),
                                    summary.getSold(),
                                    summary.getUpdatedAt());
                    return new SectionView(
                            section.sectionId(),
                            section.name(),
                            section.kind(),
                            section.priceTier(),
                            section.priceMinor(),
                            section.seats() == null ? null : section.seats().size(),
                            section.zones(),
                            availability);
                })
                .toList();
        return new EventView(
                json.eventId(),
                json.name(),
                json.venue(),
                json.saleOpensAt(),
                json.currency(),
                json.holdWindowMinutes(),
                json.perBuyerLimit(),
                sections,
                json.queuePolicy(),
                queue);
    }
}
