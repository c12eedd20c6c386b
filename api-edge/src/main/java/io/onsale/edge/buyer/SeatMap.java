package io.onsale.edge.buyer;

import io.onsale.schema.config.Section;
import io.onsale.schema.reservation.UnitAvailability;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each seat of a section: AVAILABLE, HELD, SOLD, or UNAVAILABLE (blocked by the organizer). Read from the engine's
 * section view, which follows every decision of the section's units; a seat appears once the engine has configured
 * it, so a map that lists every seat is a map of a live section.
 */
record SeatMap(String eventId, String sectionId, List<SeatView> seats) {

    record SeatView(String seatId, String row, int number, String status) {}

    static SeatMap of(String eventId, Section section, List<UnitAvailability> units) {
        Map<String, UnitAvailability> byId = units.stream()
                .collect(Collectors.toMap(UnitAvailability::getUnitId, Function.identity(), (first, second) -> second));
        List<SeatView> seats = section.getSeats().stream()
                .filter(seat -> byId.containsKey(seat.getSeatId()))
                .map(seat -> new SeatView(
                        seat.getSeatId(), seat.getRow(), seat.getNumber(), statusOf(byId.get(seat.getSeatId()))))
                .toList();
        return new SeatMap(eventId, section.getSectionId(), seats);
    }

    /** Expired holds are given back by the engine's expiry punctuator, so the counts are the truth as decided. */
    static String statusOf(UnitAvailability unit) {
        if (unit.getKilled()) {
            return "UNAVAILABLE";
        }
        if (unit.getSold() > 0) {
            return "SOLD";
        }
        return unit.getHeld() > 0 ? "HELD" : "AVAILABLE";
    }
}
