package io.onsale.edge.testing;

import io.onsale.loadgen.client.EventConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Event configs in the organizer's JSON shape, or as the typed client ({@link EventConfig}) sends them. */
public final class DemoEvents {

    private DemoEvents() {}

    /** One reserved section "A" with seats A-1-1 … A-1-n, on sale since a minute ago, and a GA floor of 100. */
    public static Map<String, Object> onSaleWithSeats(int seats) {
        return withSeats(seats, Instant.now().minusSeconds(60));
    }

    public static Map<String, Object> withSeats(int seats, Instant saleOpensAt) {
        List<Map<String, Object>> seatList = new ArrayList<>();
        for (int i = 1; i <= seats; i++) {
            seatList.add(Map.of("seatId", "A-1-" + i, "row", "1", "number", i));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", "Night at the Arena");
        event.put("venue", "Arena");
        event.put("saleOpensAt", saleOpensAt.toString());
        event.put("currency", "EUR");
        event.put("holdWindowMinutes", 10);
        event.put("perBuyerLimit", 4);
        event.put(
                "sections",
                List.of(
                        Map.of(
                                "sectionId",
                                "A",
                                "name",
                                "Stalls A",
                                "kind",
                                "RESERVED",
                                "priceTier",
                                "T1",
                                "priceMinor",
                                9900,
                                "seats",
                                seatList),
                        Map.of(
                                "sectionId",
                                "FLOOR",
                                "name",
                                "Floor",
                                "kind",
                                "GENERAL_ADMISSION",
                                "priceTier",
                                "GA",
                                "priceMinor",
                                4500,
                                "zones",
                                List.of(Map.of("zoneId", "FLOOR-1", "capacity", 100)))));
        event.put(
                "queuePolicy",
                Map.of(
                        "activationThreshold",
                        500,
                        "maxAdmitRatePerSecond",
                        100,
                        "targetActiveShoppers",
                        1000,
                        "purchaseWindowMinutes",
                        10));
        return event;
    }

    /**
     * One reserved section "A" with seats A-1-1 … A-1-n at 99.00 EUR, on sale since a minute ago, holds of 10 minutes,
     * up to 4 tickets a buyer, and the waiting room as {@code queue} says.
     */
    public static EventConfig typedOnSaleWithSeats(int seats, EventConfig.QueuePolicy queue) {
        List<EventConfig.Seat> seatList = new ArrayList<>();
        for (int i = 1; i <= seats; i++) {
            seatList.add(new EventConfig.Seat("A-1-" + i, "1", i));
        }
        return new EventConfig(
                "Night at the Arena",
                "Arena",
                Instant.now().minusSeconds(60),
                "EUR",
                10,
                4,
                List.of(EventConfig.Section.reserved("A", "Stalls A", "T1", 9900, seatList)),
                queue);
    }

    /** A waiting room that stays out of the way: it activates only beyond ten thousand buyers at once. */
    public static EventConfig.QueuePolicy passThroughQueue() {
        return new EventConfig.QueuePolicy(10_000, 1_000, 10_000, 10);
    }
}
