package io.onsale.loadgen.client;

import java.util.List;

/** {@code GET /api/events/{eventId}/sections/{sectionId}/seats}: each configured seat and its state. */
public record SeatMap(String eventId, String sectionId, List<SeatState> seats) {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String HELD = "HELD";
    public static final String SOLD = "SOLD";
    public static final String UNAVAILABLE = "UNAVAILABLE";

    public SeatMap {
        seats = seats == null ? List.of() : List.copyOf(seats);
    }

    public record SeatState(String seatId, String row, int number, String status) {

        /** HELD or SOLD: some buyer has it. */
        public boolean taken() {
            return HELD.equals(status) || SOLD.equals(status);
        }
    }
}
