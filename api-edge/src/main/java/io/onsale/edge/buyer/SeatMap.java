package io.onsale.edge.buyer;

import io.onsale.schema.reservation.UnitHold;
import io.onsale.schema.reservation.UnitState;
import java.time.Instant;
import java.util.List;

/** Each seat of a section: AVAILABLE, HELD, SOLD, or UNAVAILABLE (blocked by the organizer or not configured yet). */
record SeatMap(String eventId, String sectionId, List<SeatView> seats) {

    record SeatView(String seatId, String row, int number, String status) {
    }

    /** A hold past its deadline counts as available: the engine expires it on the next touch. */
    static String statusOf(UnitState state, Instant now) {
        if (state == null || state.getSpec().getKilled()) {
            return "UNAVAILABLE";
        }
        if (!state.getSales().isEmpty()) {
            return "SOLD";
        }
        boolean held = state.getHolds().stream().map(UnitHold::getExpiresAt).anyMatch(expiry -> expiry.isAfter(now));
        return held ? "HELD" : "AVAILABLE";
    }
}
