package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.edge.queue.QueueSummaries;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.reservation.SectionSummary;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What buyers see of an event: its configuration with live availability per section, and the state of each seat,
 * read from whichever instance owns the section (forwarded there, or 503 while nobody does).
 */
@RestController
@RequestMapping("/api/events/{eventId}")
class EventController {

    private final EventCatalog catalog;
    private final QueryService queries;
    /** Absent in slices that leave the waiting room out. */
    private final ObjectProvider<QueueSummaries> queues;

    private final SeatMaps seatMaps;
    private final EventPages pages;

    EventController(
            EventCatalog catalog,
            QueryService queries,
            ObjectProvider<QueueSummaries> queues,
            SeatMaps seatMaps,
            EventPages pages) {
        this.catalog = catalog;
        this.queries = queries;
        this.queues = queues;
        this.seatMaps = seatMaps;
        this.pages = pages;
    }

    @ApiResponse(
            responseCode = "200",
            description = "The event",
            content = @Content(schema = @Schema(implementation = EventView.class)))
    @GetMapping
    ResponseEntity<Object> event(@PathVariable String eventId) {
        EventIndex index = catalog.index(eventId).orElseThrow(() -> unknownEvent(eventId));
        Optional<byte[]> fresh = pages.fresh(index);
        if (fresh.isPresent()) {
            return json(fresh.get());
        }
        // A global store: every running instance holds all of it, so there is nothing to forward.
        Answer<List<SectionSummary>> summaries = queries.queries().summaries(eventId);
        if (summaries instanceof Answer.Local<List<SectionSummary>> here) {
            QueueSummaries rooms = queues.getIfAvailable();
            return json(pages.encode(
                    index,
                    EventView.of(
                            index.config(),
                            here.value(),
                            rooms == null ? null : rooms.of(eventId).orElse(null))));
        }
        throw new StoreUnavailableException(
                summaries instanceof Answer.Unavailable<List<SectionSummary>> unavailable
                        ? unavailable.why()
                        : "section summaries are not queryable here right now");
    }

    @ApiResponse(
            responseCode = "200",
            description = "The seat map",
            content = @Content(schema = @Schema(implementation = SeatMap.class)))
    @GetMapping("/sections/{sectionId}/seats")
    Mono<ResponseEntity<Object>> seats(
            @PathVariable String eventId, @PathVariable String sectionId, ServerHttpRequest request) {
        EventIndex index = catalog.index(eventId).orElseThrow(() -> unknownEvent(eventId));
        Section section = index.section(sectionId)
                .orElseThrow(() -> ApiProblem.notFound(
                        "unknown-section", "Event '" + eventId + "' has no section '" + sectionId + "'."));
        if (section.getKind() != SectionKind.RESERVED) {
            throw ApiProblem.unprocessable(
                    "not-a-seated-section",
                    "Section '" + sectionId + "' is general admission; it has" + " zones, not seats.");
        }
        Optional<byte[]> fresh = seatMaps.fresh(eventId, sectionId);
        if (fresh.isPresent()) {
            return Mono.just(json(fresh.get()));
        }
        return queries.answer(
                        () -> queries.queries().section(eventId, sectionId),
                        request,
                        units -> json(seatMaps.encode(SeatMap.of(eventId, section, units))))
                .doOnNext(answer -> {
                    if (answer.getStatusCode().value() == 200
                            && answer.getBody() instanceof byte[] map
                            && answer.getHeaders().containsHeader(QueryService.ANSWERED_BY_HEADER)) {
                        seatMaps.keepRelayed(eventId, sectionId, map);
                    }
                });
    }

    private static ResponseEntity<Object> json(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static ApiProblem unknownEvent(String eventId) {
        return ApiProblem.notFound("unknown-event", "There is no event '" + eventId + "'.");
    }
}
