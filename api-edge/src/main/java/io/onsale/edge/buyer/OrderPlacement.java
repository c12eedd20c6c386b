package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.catalog.EventIndex.UnitRef;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a buyer asked for, checked against the catalogue and resolved into what the order engine is told:
 * named units (seats with their sections; the only zone of a general-admission section with a quantity), or a
 * section and a quantity for the engine to pick (best-available seats; general admission with several zones).
 * Everything the catalogue can refuse is refused here, before anything is produced.
 */
record OrderPlacement(List<Unit> units, String sectionId, int quantity) {

    /** A unit the order names, with how many tickets of it (1 for a seat). */
    record Unit(String sectionId, String unitId, int quantity) {}

    OrderPlacement {
        units = List.copyOf(units);
    }

    /** The one section this order is for, or {@code null} when it names units of several. */
    String onlySection() {
        if (sectionId != null) {
            return sectionId;
        }
        String first = units.get(0).sectionId();
        return units.stream().allMatch(unit -> unit.sectionId().equals(first)) ? first : null;
    }

    /** The tickets it asks for, in all. */
    int tickets() {
        return sectionId != null
                ? quantity
                : units.stream().mapToInt(Unit::quantity).sum();
    }

    static OrderPlacement resolve(EventIndex event, OrderRequest request) {
        boolean bySeats = request.seats() != null;
        boolean bySection = request.sectionId() != null || request.quantity() != null;
        if (bySeats == bySection) {
            throw ApiProblem.badRequest(
                    "invalid-order",
                    "Ask for either \"seats\": [seat ids] or \"sectionId\" with"
                            + " \"quantity\", not both and not neither.");
        }
        return bySeats ? seats(event, request.seats()) : section(event, request.sectionId(), request.quantity());
    }

    private static OrderPlacement seats(EventIndex event, List<String> seats) {
        if (seats.isEmpty()) {
            throw ApiProblem.badRequest("invalid-order", "\"seats\" must name at least one seat.");
        }
        if (seats.stream().anyMatch(seat -> seat == null || seat.isBlank())) {
            throw ApiProblem.badRequest("invalid-order", "\"seats\" must not contain empty seat ids.");
        }
        Set<String> distinct = new HashSet<>(seats);
        if (distinct.size() != seats.size()) {
            throw ApiProblem.badRequest("invalid-order", "\"seats\" names a seat more than once.");
        }
        int limit = event.config().getPerBuyerLimit();
        if (seats.size() > limit) {
            throw ApiProblem.badRequest(
                    "invalid-quantity",
                    "An order may hold at most the event's per-buyer limit of " + limit + " seats, got " + seats.size()
                            + ".");
        }
        List<Unit> units = new ArrayList<>();
        for (String seat : seats) {
            UnitRef unit = event.unit(seat)
                    .filter(UnitRef::isSeat)
                    .orElseThrow(() -> ApiProblem.unprocessable(
                                    "unknown-seat",
                                    "Event '" + event.config().getEventId() + "' has no seat '" + seat + "'.")
                            .with("seatId", seat));
            units.add(new Unit(unit.section().getSectionId(), unit.unitId(), 1));
        }
        return new OrderPlacement(units, null, units.size());
    }

    private static OrderPlacement section(EventIndex event, String sectionId, Integer quantity) {
        if (sectionId == null || quantity == null) {
            throw ApiProblem.badRequest(
                    "invalid-order", "An order by section needs both \"sectionId\" and \"quantity\".");
        }
        int limit = event.config().getPerBuyerLimit();
        if (quantity < 1 || quantity > limit) {
            throw ApiProblem.badRequest(
                    "invalid-quantity",
                    "\"quantity\" must be between 1 and the event's per-buyer limit of " + limit + ", got " + quantity
                            + ".");
        }
        Section section = event.section(sectionId)
                .orElseThrow(() -> ApiProblem.unprocessable(
                                "unknown-section",
                                "Event '" + event.config().getEventId() + "' has no section '" + sectionId + "'.")
                        .with("sectionId", sectionId));
        if (section.getKind() == SectionKind.GENERAL_ADMISSION
                && section.getZones().size() == 1) {
            // One zone leaves nothing to pick: name it, and the unit decides directly.
            return new OrderPlacement(
                    List.of(new Unit(sectionId, section.getZones().get(0).getZoneId(), quantity)), null, quantity);
        }
        return new OrderPlacement(List.of(), sectionId, quantity);
    }
}
