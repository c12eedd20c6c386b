package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.catalog.EventIndex.UnitRef;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Buyers place orders here. Everything that can be refused without asking the engine (malformed body, unknown
 * event or seat) is refused before anything is produced; everything else is decided by the unit's processor
 * and answered from its committed decision: 201 held, 409 with the reason, or 202 while still pending.
 */
@RestController
@RequestMapping("/api/events/{eventId}/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final EventCatalog catalog;
    private final SeatHolds holds;

    OrderController(EventCatalog catalog, SeatHolds holds) {
        this.catalog = catalog;
        this.holds = holds;
    }

    @PostMapping
    Mono<ResponseEntity<Object>> place(@PathVariable String eventId, @RequestBody OrderRequest request,
                                       @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                       @AuthenticationPrincipal Jwt buyer) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
            throw ApiProblem.badRequest("invalid-idempotency-key", "The Idempotency-Key header must be 1 to 128 characters.");
        }
        EventIndex event = catalog.index(eventId).orElseThrow(() -> EventController.unknownEvent(eventId));
        Wanted wanted = wanted(event, request);
        return holds.hold(eventId, wanted.unit(), wanted.quantity(), buyer.getSubject(), idempotencyKey)
                .map(outcome -> answer(outcome, wanted.unit()));
    }

    private record Wanted(UnitRef unit, int quantity) {
    }

    private static Wanted wanted(EventIndex event, OrderRequest request) {
        boolean bySeats = request.seats() != null;
        boolean bySection = request.sectionId() != null || request.quantity() != null;
        if (bySeats == bySection) {
            throw ApiProblem.badRequest("invalid-order", "Ask for either \"seats\": [seat ids] or \"sectionId\" with"
                    + " \"quantity\", not both and not neither.");
        }
        if (bySeats) {
            List<String> seats = request.seats();
            if (seats.isEmpty()) {
                throw ApiProblem.badRequest("invalid-order", "\"seats\" must name at least one seat.");
            }
            if (seats.stream().anyMatch(seat -> seat == null || seat.isBlank())) {
                throw ApiProblem.badRequest("invalid-order", "\"seats\" must not contain empty seat ids.");
            }
            for (String seat : seats) {
                event.unit(seat).filter(UnitRef::isSeat).orElseThrow(() -> ApiProblem.unprocessable("unknown-seat",
                        "Event '" + event.config().getEventId() + "' has no seat '" + seat + "'.").with("seatId", seat));
            }
            if (seats.size() > 1) {
                // All-or-nothing across several units needs the order processor (reservation engine issue).
                throw ApiProblem.unprocessable("multi-seat-not-supported", "An order holds one seat for now; "
                        + "orders for several seats at once are not supported yet. Place one order per seat.");
            }
            return new Wanted(event.unit(seats.get(0)).orElseThrow(), 1);
        }
        if (request.sectionId() == null || request.quantity() == null) {
            throw ApiProblem.badRequest("invalid-order", "An order by section needs both \"sectionId\" and \"quantity\".");
        }
        if (request.quantity() < 1 || request.quantity() > event.config().getPerBuyerLimit()) {
            throw ApiProblem.badRequest("invalid-quantity", "\"quantity\" must be between 1 and the event's per-buyer limit of "
                    + event.config().getPerBuyerLimit() + ", got " + request.quantity() + ".");
        }
        Section section = event.section(request.sectionId()).orElseThrow(() -> ApiProblem.unprocessable("unknown-section",
                "Event '" + event.config().getEventId() + "' has no section '" + request.sectionId() + "'."));
        if (section.getKind() != SectionKind.GENERAL_ADMISSION || section.getZones().size() != 1) {
            throw ApiProblem.unprocessable("best-available-not-supported", "Ordering a quantity is supported for"
                    + " general-admission sections with one zone; best-available seats are not supported yet.");
        }
        return new Wanted(event.unit(section.getZones().get(0).getZoneId()).orElseThrow(), request.quantity());
    }

    private static ResponseEntity<Object> answer(SeatHolds.Outcome outcome, UnitRef unit) {
        if (outcome.pending()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(Map.of("status", "PENDING", "requestId", outcome.requestId(), "retryAfterSeconds", 1,
                            "detail", "Not decided yet: retry with the same Idempotency-Key to get the answer."));
        }
        ReservationEvent decision = outcome.decision();
        if (decision.getType() == ReservationEventType.HELD) {
            return ResponseEntity.status(HttpStatus.CREATED).body(OrderView.held(decision, unit.isSeat()));
        }
        String reason = decision.getReason() == null ? "UNKNOWN" : decision.getReason().name();
        throw new ApiProblem(HttpStatus.CONFLICT, reason.toLowerCase().replace('_', '-'), "Not available",
                explain(reason, unit)).with("reason", reason).with("alternatives", List.of());
    }

    private static String explain(String reason, UnitRef unit) {
        return switch (reason) {
            case "SEAT_TAKEN" -> "Seat " + unit.unitId() + " was taken by another buyer a moment earlier.";
            case "SOLD_OUT" -> "Zone " + unit.unitId() + " is sold out.";
            case "INSUFFICIENT_CAPACITY" -> "Zone " + unit.unitId() + " has fewer tickets left than you asked for.";
            case "NOT_ON_SALE" -> "The sale has not opened yet.";
            case "KILLED" -> unit.unitId() + " is not on sale.";
            default -> "The engine refused the hold: " + reason + ".";
        };
    }
}
