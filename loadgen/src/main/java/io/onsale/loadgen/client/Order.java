package io.onsale.loadgen.client;

import java.time.Instant;
import java.util.List;

/**
 * An order as its buyer sees it ({@code 201} of a placement, {@code 200} of a read or a cancel). Amounts are minor
 * currency units. {@code reason} and {@code alternatives} appear only on orders that did not get their tickets.
 */
public record Order(
        String orderId,
        String status,
        String eventId,
        String buyerId,
        List<Item> items,
        Instant expiresAt,
        Money total,
        String reason,
        List<Alternative> alternatives) {

    public static final String HELD = "HELD";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String CANCELLED = "CANCELLED";
    public static final String EXPIRED = "EXPIRED";
    public static final String REJECTED = "REJECTED";

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** HELD, or on its way to being sold: the tickets are this buyer's for now. */
    public boolean holdsTickets() {
        return HELD.equals(status) || CONFIRMED.equals(status) || "CONFIRMING".equals(status);
    }

    public int tickets() {
        return items.stream().mapToInt(Item::quantity).sum();
    }

    /** A seat ({@code seatId}) or a quantity in a general-admission zone ({@code zoneId}). */
    public record Item(String sectionId, String seatId, String zoneId, int quantity, long priceMinor) {}
}
