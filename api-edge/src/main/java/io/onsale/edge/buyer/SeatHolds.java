package io.onsale.edge.buyer;

import io.onsale.edge.catalog.EventIndex.UnitRef;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.ReservationDecisions;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.ReservationEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The command gateway for holds: produce a HOLD keyed by unit, then answer from the committed decision for
 * that request. If the decision is not known within the timeout the answer is "pending", never a guess.
 *
 * <p>The request id is derived from the buyer and the Idempotency-Key, and the hold id from the request id,
 * so a retried request produces the same command and the unit answers it as the first time.
 */
@Component
class SeatHolds {

    /** The answer to a hold request: a committed decision, or still pending under this request id. */
    record Outcome(String requestId, ReservationEvent decision) {
        boolean pending() {
            return decision == null;
        }
    }

    private final CommandPublisher publisher;
    private final ReservationDecisions decisions;
    private final Topics topics;
    private final Duration timeout;

    SeatHolds(CommandPublisher publisher, ReservationDecisions decisions, Topics topics, KafkaSettings settings) {
        this.publisher = publisher;
        this.decisions = decisions;
        this.topics = topics;
        this.timeout = settings.decisionTimeout();
    }

    Mono<Outcome> hold(String eventId, UnitRef unit, int quantity, String buyerId, String idempotencyKey) {
        String requestId = requestId(eventId, buyerId, idempotencyKey);
        String holdId = UUID.nameUUIDFromBytes(requestId.getBytes(StandardCharsets.UTF_8)).toString();
        String sectionId = unit.section().getSectionId();
        ReservationCommand command = ReservationCommand.newBuilder()
                .setRequestId(requestId).setType(ReservationCommandType.HOLD)
                .setEventId(eventId).setSectionId(sectionId).setUnitId(unit.unitId())
                .setHoldId(holdId).setOrderId(holdId).setBuyerId(buyerId).setQuantity(quantity)
                .build();
        String unitKey = eventId + "|" + sectionId + "|" + unit.unitId();

        CompletableFuture<ReservationEvent> decision = decisions.await(requestId);
        return publisher.publish(topics.reservationRequests(), unitKey, command)
                .then(Mono.fromFuture(decision, true))
                .map(event -> new Outcome(requestId, event))
                .timeout(timeout, Mono.fromSupplier(() -> new Outcome(requestId, null)))
                .doFinally(signal -> decisions.forget(requestId, decision));
    }

    private static String requestId(String eventId, String buyerId, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey;
        return "hold:" + eventId + ":" + buyerId + ":" + key;
    }
}
