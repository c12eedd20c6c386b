package io.onsale.loadgen.client;

import java.util.List;
import java.util.Optional;

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

    public Optional<SeatState> seat(String seatId) {
        return seats.stream().filter(seat -> seat.seatId().equals(seatId)).findFirst();
    }

    /** The seat's status, or "(missing)" when the map does not list it. */
    public String status(String seatId) {
        return seat(seatId).map(SeatState::status).orElse("(missing)");
    }

    /** HELD or SOLD: somebody has it, so some buyer must have been told so. */
    public boolean taken(String seatId) {
        return seat(seatId).map(SeatState::taken).orElse(false);
    }

    public boolean lists(String seatId) {
        return seat(seatId).isPresent();
    }

    public boolean listsAll(Iterable<String> seatIds) {
        List<String> listed = seatIds();
        for (String seatId : seatIds) {
            if (!listed.contains(seatId)) {
                return false;
            }
        }
        return true;
    }

    public List<String> seatIds() {
        return seats.stream().map(SeatState::seatId).toList();
    }

    public long count(String status) {
        return seats.stream().filter(seat -> status.equals(seat.status())).count();
    }
}
