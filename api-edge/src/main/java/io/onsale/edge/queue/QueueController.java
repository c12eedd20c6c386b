package io.onsale.edge.queue;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.schema.queue.QueueCommandType;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Buyers join an event's waiting room and follow their place. A join is decided by the room and answered from its
 * committed answer (201 new place, 200 the same place again, 202 while pending); status is answered by any instance
 * from the ticket and the local progress view, polled or streamed (Server-Sent Events).
 */
@RestController
class QueueController {

    private final EventCatalog catalog;
    private final QueueGateway gateway;
    private final QueueStatusReader reader;
    private final JoinAnswers answers;
    private final StatusStreams streams;
    private final Duration heartbeat;

    QueueController(
            EventCatalog catalog,
            QueueGateway gateway,
            QueueStatusReader reader,
            JoinAnswers answers,
            StatusStreams streams,
            QueueSettings settings) {
        this.catalog = catalog;
        this.gateway = gateway;
        this.reader = reader;
        this.answers = answers;
        this.streams = streams;
        this.heartbeat = settings.heartbeat();
    }

    @PostMapping("/api/events/{eventId}/queue")
    Mono<ResponseEntity<Object>> join(@PathVariable String eventId, @AuthenticationPrincipal Jwt buyer) {
        if (catalog.index(eventId).isEmpty()) {
            throw unknownEvent(eventId);
        }
        return gateway.join(eventId, buyer.getSubject()).map(answer -> joinAnswer(answer, answers));
    }

    /** The answer to a join, from the room's committed answer or none yet; shared with {@link FastJoinRoute}. */
    static ResponseEntity<Object> joinAnswer(Optional<QueueEvent> answer, JoinAnswers answers) {
        return answer.map(joined -> joined(joined, answers))
                .orElseGet(() -> ResponseEntity.accepted()
                        .header(HttpHeaders.RETRY_AFTER, "1")
                        .body(Map.of(
                                "status",
                                "PENDING",
                                "detail",
                                "The waiting room has not answered yet; join again " + "(you keep the same place).")));
    }

    private static ResponseEntity<Object> joined(QueueEvent answer, JoinAnswers answers) {
        if (answer.getType() != QueueEventType.JOINED) {
            throw QueueRefusals.refusal(answer, QueueCommandType.JOIN);
        }
        QueueStatus status = answers.statusOf(answer);
        return ResponseEntity.status(answer.getDuplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/events/" + answer.getEventId() + "/queue/" + status.ticket()))
                .cacheControl(CacheControl.noStore())
                .body(status);
    }

    /**
     * The buyer leaves: the place is given up, and an admitted buyer's shopper slot goes to the next buyer at once
     * instead of when the purchase window ends. 200 with the place as it ended; 409 {@code NOT_IN_QUEUE} when the
     * place had already ended (left, done, window over); 202 when the room has not answered in time (leave again).
     */
    @DeleteMapping("/api/events/{eventId}/queue/{ticket}")
    Mono<ResponseEntity<Object>> leave(
            @PathVariable String eventId, @PathVariable String ticket, @AuthenticationPrincipal Jwt buyer) {
        QueueTicket mine = reader.verify(ticket, eventId, buyer.getSubject());
        return gateway.leave(eventId, mine.buyerId())
                .map(answer -> answer.map(QueueController::left)
                        .orElseGet(() -> ResponseEntity.accepted()
                                .header(HttpHeaders.RETRY_AFTER, "1")
                                .body(Map.of(
                                        "status",
                                        "PENDING",
                                        "detail",
                                        "The waiting room has not answered yet; leave again."))));
    }

    private static ResponseEntity<Object> left(QueueEvent answer) {
        if (answer.getType() != QueueEventType.LEFT) {
            throw QueueRefusals.refusal(answer, QueueCommandType.LEAVE);
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("eventId", answer.getEventId());
        body.put("state", "LEFT");
        if (answer.getPosition() != null) {
            body.put("position", answer.getPosition());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping("/api/events/{eventId}/queue/{ticket}")
    ResponseEntity<QueueStatus> status(
            @PathVariable String eventId, @PathVariable String ticket, @AuthenticationPrincipal Jwt buyer) {
        QueueTicket mine = reader.verify(ticket, eventId, buyer.getSubject());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(reader.status(mine));
    }

    /**
     * Pushes the status on every change, with a heartbeat comment in between; ends once admitted, expired or sold out.
     * A refused ticket, and a stream beyond the buyer's or this instance's bound ({@link StatusStreams}: the buyer
     * polls instead), are answered as problem+json with its content type set here: the stream's own type would
     * otherwise be negotiated for the error too. The stream's place is given back however it ends, the client's
     * going away included. Merged with a prefetch of one, and heartbeats nobody asked for dropped: past what the
     * connection's write buffer takes, a client that stops reading holds one status here, never a growing line of them.
     */
    @GetMapping("/api/events/{eventId}/queue/{ticket}/events")
    ResponseEntity<?> events(
            @PathVariable String eventId, @PathVariable String ticket, @AuthenticationPrincipal Jwt buyer) {
        QueueTicket mine;
        try {
            mine = reader.verify(ticket, eventId, buyer.getSubject());
        } catch (ApiProblem refused) {
            return problem(refused);
        }
        Optional<ApiProblem> full = streams.open(buyer.getSubject());
        if (full.isPresent()) {
            return problem(full.get());
        }
        Flux<ServerSentEvent<Object>> statuses = reader.statuses(mine)
                .map(status ->
                        ServerSentEvent.<Object>builder(status).event("status").build());
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(heartbeat)
                .onBackpressureDrop()
                .map(beat ->
                        ServerSentEvent.<Object>builder().comment("heartbeat").build());
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                .body(Flux.merge(1, statuses, heartbeats)
                        .takeUntil(event -> event.data() instanceof QueueStatus status && status.finished())
                        .doFinally(signal -> streams.close(buyer.getSubject())));
    }

    private static ResponseEntity<?> problem(ApiProblem problem) {
        ProblemDetail body = problem.toProblemDetail();
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (body.getProperties() != null && body.getProperties().get("retryAfterSeconds") != null) {
            answer.header(
                    HttpHeaders.RETRY_AFTER, String.valueOf(body.getProperties().get("retryAfterSeconds")));
        }
        return answer.body(body);
    }

    static ApiProblem unknownEvent(String eventId) {
        return ApiProblem.notFound("unknown-event", "There is no event '" + eventId + "'.");
    }
}
