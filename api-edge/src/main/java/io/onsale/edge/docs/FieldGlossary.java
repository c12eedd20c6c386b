package io.onsale.edge.docs;

import io.onsale.schema.config.EventConfig;
import java.util.Map;

/**
 * One description per field of every request and answer the controllers infer (their records are the code's, so
 * the words live here rather than as annotations on them). {@code ApiDocsTest} fails on a field left undescribed.
 */
final class FieldGlossary {

    private FieldGlossary() {}

    /** An event field's default as the wire contract (EventConfig's schema) declares it: written there once. */
    private static Object eventDefault(String field) {
        return EventConfig.getClassSchema().getField(field).defaultVal();
    }

    private static final Map<String, String> EVENT = Map.of(
            "eventId", "The event's id (the path's; a different one in a config body is refused)",
            "name", "The event's name",
            "venue", "The venue's name",
            "saleOpensAt",
                    "When orders start being accepted (ISO-8601 instant); earlier orders are refused NOT_ON_SALE",
            "currency", "ISO 4217 code of every price (default " + eventDefault("currency") + ")",
            "holdWindowMinutes",
                    "Minutes a held order waits for payment before its tickets go back (1-30, default "
                            + eventDefault("holdWindowMinutes") + ")",
            "perBuyerLimit",
                    "Most tickets one buyer may hold or own in this event, live orders counted (default "
                            + eventDefault("perBuyerLimit") + ")",
            "sections",
                    "The event's sections: seated (RESERVED, with seats) or standing (GENERAL_ADMISSION, with zones)",
            "queuePolicy", "How the waiting room meters buyers (defaults apply to absent fields)");

    private static final Map<String, String> SECTION = Map.of(
            "sectionId", "The section's id, unique in the event",
            "name", "The section's name",
            "kind", "`RESERVED` (seats) or `GENERAL_ADMISSION` (zones with a capacity)",
            "priceTier", "Label of the price tier; alternatives are offered at the same tier",
            "priceMinor", "Price of one ticket in minor currency units (cents)",
            "seats", "RESERVED sections only: every seat",
            "zones", "GENERAL_ADMISSION sections only: every zone",
            "availability",
                    "Live ticket counts from the engine (refreshed at most every half second); absent until "
                            + "the engine has counted the section");

    private static final Map<String, String> POLICY = Map.of(
            "activationThreshold", "Active shoppers above which arriving buyers queue (default 500)",
            "maxAdmitRatePerSecond", "Most buyers admitted per second (at least 1, default 100)",
            "targetActiveShoppers", "Admitted buyers shopping at once the room aims for (at least 1, default 1000)",
            "purchaseWindowMinutes", "Minutes an admitted buyer's admission token is valid (default 10)");

    private static Map<String, String> without(Map<String, String> fields, String name) {
        Map<String, String> fewer = new java.util.HashMap<>(fields);
        fewer.remove(name);
        return Map.copyOf(fewer);
    }

    private static Map<String, String> withEntry(Map<String, String> fields, String name, String description) {
        Map<String, String> all = new java.util.HashMap<>(fields);
        all.put(name, description);
        return Map.copyOf(all);
    }

    static final Map<String, Map<String, String>> FIELDS = Map.ofEntries(
            Map.entry("EventConfigJson", EVENT),
            Map.entry(
                    "EventView",
                    withEntry(
                            EVENT,
                            "queue",
                            "The waiting room now: mode, buyers waiting, serving "
                                    + "counter, observed admit rate; absent until the room has published progress (nobody joined yet)")),
            Map.entry(
                    "Summary",
                    Map.of(
                            "mode",
                                    "`PRE_SALE`, `PASS_THROUGH` (joins go straight in), `QUEUING`, `PAUSED` or `SOLD_OUT`",
                            "active", "Whether arriving buyers queue now (every mode but PASS_THROUGH)",
                            "waiting", "Buyers waiting for their turn",
                            "servingCounter", "The highest position admitted so far",
                            "activeShoppers", "Admitted buyers whose purchase window is open and who have not finished",
                            "admitRatePerSecond", "Buyers admitted per second, observed over the last ticks",
                            "paused", "Whether the organizer paused admission",
                            "soldOut",
                                    "Whether nothing is left to sell right now (admission stops; it resumes if holds expire)",
                            "updatedAt", "When the room published this")),
            Map.entry("SectionJson", SECTION),
            // The event page names a seated section's size, not its seats: they are the section's seat map.
            Map.entry(
                    "SectionView",
                    withEntry(
                            without(SECTION, "seats"),
                            "seatCount",
                            "RESERVED sections only: how many seats; the seats and their live status are the section's seat map "
                                    + "(`GET /api/events/{eventId}/sections/{sectionId}/seats`)")),
            Map.entry("QueuePolicyJson", POLICY),
            Map.entry("QueuePolicy", POLICY),
            Map.entry(
                    "SeatJson",
                    Map.of(
                            "seatId", "The seat's id, unique in the event (what orders name)",
                            "row", "The row's label",
                            "number", "The seat's number in its row")),
            Map.entry(
                    "ZoneJson",
                    Map.of(
                            "zoneId", "The zone's id, unique in the event",
                            "capacity", "Tickets the zone holds")),
            Map.entry(
                    "Availability",
                    Map.of(
                            "capacity", "Tickets in the section (a zone of 100 counts 100)",
                            "available", "Tickets nobody holds or owns",
                            "held", "Tickets in live holds (waiting for payment)",
                            "sold", "Tickets paid for",
                            "updatedAt", "When the engine last counted")),
            Map.entry(
                    "OrderRequest",
                    Map.of(
                            "seats", "Specific seats, all or nothing (alone, without sectionId and quantity)",
                            "sectionId",
                                    "With quantity: tickets in this section, best available (seated) or in its zone(s)",
                            "quantity", "With sectionId: how many tickets (1 to the event's per-buyer limit)")),
            Map.entry(
                    "PaymentRequest",
                    Map.of(
                            "paymentMethod",
                            "A payment-method token from the payment provider's client (sandbox: any text; "
                                    + "one starting with `decline` is declined)")),
            Map.entry(
                    "InventoryChange",
                    Map.of(
                            "kill", "Seat or zone ids to take off sale (held or sold tickets stay with their buyers)",
                            "restore", "Seat or zone ids to put back on sale",
                            "capacity", "Zone id to its new capacity (0 or more; never below what is held and sold)")),
            Map.entry(
                    "QueueChange",
                    Map.of(
                            "paused", "Pause (true) or resume (false) admission; absent: unchanged",
                            "maxAdmitRatePerSecond", "New admit rate (at least 1); absent: unchanged",
                            "targetActiveShoppers", "New target of active shoppers (at least 1); absent: unchanged")),
            Map.entry(
                    "OrderView",
                    Map.of(
                            "orderId",
                                    "The order's id (`<eventId>:<uuid>`, the same for a retry with the same Idempotency-Key)",
                            "status",
                                    "`PLACING`, `HELD`, `CONFIRMING` (being paid), `CONFIRMED`, `CANCELLED`, `EXPIRED` or "
                                            + "`REJECTED`",
                            "eventId", "The order's event",
                            "buyerId", "The buyer (the token's subject)",
                            "items", "The tickets the order holds or owns (none for a refused order)",
                            "expiresAt", "While held: when the hold runs out unless paid",
                            "total", "Sum of the items' prices",
                            "reason", "Refused or expired orders only: why (e.g. SEAT_TAKEN, HOLD_EXPIRED)",
                            "alternatives", "Refused orders only: what the buyer could take instead",
                            "paymentId",
                                    "Orders being paid or paid: the payment's id (`pay:<orderId>:<Idempotency-Key>`)")),
            Map.entry(
                    "Item",
                    Map.of(
                            "sectionId", "The ticket's section",
                            "seatId", "Seated: the seat",
                            "zoneId", "Standing: the zone",
                            "quantity", "Tickets (1 for a seat)",
                            "priceMinor", "Price of one ticket in minor currency units")),
            Map.entry(
                    "Money",
                    Map.of(
                            "amountMinor", "Amount in minor currency units (cents)",
                            "currency", "ISO 4217 code")),
            Map.entry(
                    "AlternativeView",
                    Map.of(
                            "sectionId", "The offered section",
                            "seatIds", "Seated: the offered seats; empty means `quantity` best-available there",
                            "zoneIds", "Standing: the offered zone(s)",
                            "quantity", "How many tickets are offered",
                            "price", "Price of one ticket")),
            Map.entry(
                    "SeatMap",
                    Map.of(
                            "eventId", "The event",
                            "sectionId", "The section",
                            "seats", "Every seat the engine has configured, in the config's order")),
            Map.entry(
                    "SeatView",
                    Map.of(
                            "seatId", "The seat's id",
                            "row", "The row's label",
                            "number", "The seat's number in its row",
                            "status", "`AVAILABLE`, `HELD`, `SOLD` or `UNAVAILABLE` (blocked by the organizer)")),
            Map.entry(
                    "QueueStatus",
                    Map.ofEntries(
                            Map.entry("eventId", "The event"),
                            Map.entry(
                                    "state",
                                    "Where the buyer is: PRE_SALE (before the draw), WAITING, ADMITTED, EXPIRED "
                                            + "(admission window over), SOLD_OUT"),
                            Map.entry(
                                    "mode",
                                    "The room's mode: PRE_SALE, PASS_THROUGH (no queue, no admission token needed), QUEUING, PAUSED or SOLD_OUT"),
                            Map.entry(
                                    "position",
                                    "The buyer's place (for a pre-sale ticket, known once the draw is done)"),
                            Map.entry("presaleNumber", "Before the draw: the buyer's pre-sale number"),
                            Map.entry("servingCounter", "The highest position admitted so far"),
                            Map.entry(
                                    "buyersAhead",
                                    "Positions between the serving counter and the buyer's (an upper bound)"),
                            Map.entry(
                                    "eta",
                                    "Seconds until admission as a range; absent while nothing is admitted or once served"),
                            Map.entry("admitRatePerSecond", "The observed admit rate"),
                            Map.entry("paused", "Whether the organizer paused admission"),
                            Map.entry("admittedAt", "Once admitted: when"),
                            Map.entry(
                                    "windowEndsAt",
                                    "Once admitted: when the purchase window (and the admission token) ends"),
                            Map.entry(
                                    "admissionToken",
                                    "Once admitted: send it as the `Admission-Token` header with the order"),
                            Map.entry("ticket", "The signed queue ticket: the status URL's `{ticket}`"),
                            Map.entry("pollAfterSeconds", "When to ask again if not following the event stream"))),
            Map.entry(
                    "QueueChangeAnswer",
                    Map.of(
                            "eventId", "The event",
                            "policy", "The policy now in force (absent when only `paused` changed)",
                            "paused", "Whether admission is paused (present when it was changed)")),
            Map.entry(
                    "Eta",
                    Map.of(
                            "minSeconds", "Soonest, at 1.25 x the observed admit rate",
                            "maxSeconds", "Latest, at 0.75 x the observed admit rate")));
}
