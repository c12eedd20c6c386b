package io.onsale.edge.buyer;

import io.onsale.schema.reservation.ReservationEvent;
import java.time.Instant;
import java.util.List;

/** A held order as the buyer sees it. Amounts are in minor currency units (cents). */
record OrderView(String orderId, String status, String eventId, String buyerId, List<Item> items, Instant expiresAt,
                 Money total) {

    record Item(String sectionId, String seatId, int quantity, long priceMinor) {
    }

    record Money(long amountMinor, String currency) {
    }

    static OrderView held(ReservationEvent held, boolean seat) {
        Item item = new Item(held.getSectionId(), seat ? held.getUnitId() : null, held.getQuantity(), held.getPriceMinor());
        return new OrderView(held.getOrderId(), "HELD", held.getEventId(), held.getBuyerId(), List.of(item),
                held.getHoldExpiresAt(), new Money(held.getPriceMinor() * held.getQuantity(), held.getCurrency()));
    }
}
