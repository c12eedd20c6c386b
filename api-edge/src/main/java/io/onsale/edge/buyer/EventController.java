package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventConfigJson;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.catalog.UnitStates;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.reservation.UnitState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What buyers see of an event: its configuration and the live state of each seat. */
@RestController
@RequestMapping("/api/events/{eventId}")
class EventController {

    private final EventCatalog catalog;
    private final UnitStates units;

    EventController(EventCatalog catalog, UnitStates units) {
        this.catalog = catalog;
        this.units = units;
    }

    @GetMapping
    EventConfigJson event(@PathVariable String eventId) {
        EventIndex index = catalog.index(eventId).orElseThrow(() -> unknownEvent(eventId));
        return EventConfigJson.fromAvro(index.config());
    }

    @GetMapping("/sections/{sectionId}/seats")
    SeatMap seats(@PathVariable String eventId, @PathVariable String sectionId) {
        EventIndex index = catalog.index(eventId).orElseThrow(() -> unknownEvent(eventId));
        Section section = index.section(sectionId).orElseThrow(() -> ApiProblem.notFound("unknown-section",
                "Event '" + eventId + "' has no section '" + sectionId + "'."));
        if (section.getKind() != SectionKind.RESERVED) {
            throw ApiProblem.unprocessable("not-a-seated-section", "Section '" + sectionId + "' is general admission; it has"
                    + " zones, not seats.");
        }
        Map<String, UnitState> states = units.inSection(eventId, sectionId).stream()
                .collect(Collectors.toMap(UnitState::getUnitId, Function.identity()));
        Instant now = Instant.now();
        List<SeatMap.SeatView> seats = section.getSeats().stream()
                .map(seat -> new SeatMap.SeatView(seat.getSeatId(), seat.getRow(), seat.getNumber(),
                        SeatMap.statusOf(states.get(seat.getSeatId()), now)))
                .toList();
        return new SeatMap(eventId, sectionId, seats);
    }

    static ApiProblem unknownEvent(String eventId) {
        return ApiProblem.notFound("unknown-event", "There is no event '" + eventId + "'.");
    }
}
