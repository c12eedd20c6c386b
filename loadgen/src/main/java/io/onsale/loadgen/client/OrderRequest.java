package io.onsale.loadgen.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of {@code POST /api/events/{eventId}/orders}: named seats, or a quantity in a section (best available, GA). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderRequest(List<String> seats, String sectionId, Integer quantity) {

    public static OrderRequest seats(List<String> seatIds) {
        return new OrderRequest(List.copyOf(seatIds), null, null);
    }

    public static OrderRequest inSection(String sectionId, int quantity) {
        return new OrderRequest(null, sectionId, quantity);
    }

    /** How many tickets this asks for. */
    public int tickets() {
        return seats != null ? seats.size() : quantity;
    }
}
