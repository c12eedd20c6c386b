package io.onsale.loadgen.client;

import java.util.List;

/**
 * What the engine offers a buyer who lost: specific seats, a general-admission zone, or with neither named,
 * {@code quantity} best-available tickets in the section.
 */
public record Alternative(String sectionId, List<String> seatIds, List<String> zoneIds, int quantity, Money price) {

    public Alternative {
        seatIds = seatIds == null ? List.of() : List.copyOf(seatIds);
        zoneIds = zoneIds == null ? List.of() : List.copyOf(zoneIds);
    }

    /** The order that takes this offer. */
    public OrderRequest asOrder() {
        return seatIds.isEmpty() ? OrderRequest.inSection(sectionId, quantity) : OrderRequest.seats(seatIds);
    }
}
