package io.onsale.edge.queue;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.organizer.EventOwnership;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueCommandType;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueueProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Organizers change a live waiting room: pause or resume admission, the admit rate, the target of active shoppers.
 * The change is a {@code CHANGE_POLICY} command decided by the room; the answer is its committed
 * {@code POLICY_CHANGED} (200) or {@code REJECTED} (422), or 202 while pending. Only the event's owner or an admin
 * changes it ({@link EventOwnership}).
 */
@RestController
class QueueAdminController {

    /** Every field optional; what is absent stays as it is. */
    record QueueChange(Boolean paused, Integer maxAdmitRatePerSecond, Integer targetActiveShoppers) {}

    private final EventCatalog catalog;
    private final QueueProgressView view;
    private final QueueGateway gateway;

    QueueAdminController(EventCatalog catalog, QueueProgressView view, QueueGateway gateway) {
        this.catalog = catalog;
        this.view = view;
        this.gateway = gateway;
    }

    @PatchMapping("/api/admin/events/{eventId}/queue")
    Mono<ResponseEntity<Object>> change(
            @PathVariable String eventId, @RequestBody QueueChange change, @AuthenticationPrincipal Jwt organizer) {
        EventConfig config = catalog.index(eventId)
                .orElseThrow(() -> QueueController.unknownEvent(eventId))
                .config();
        EventOwnership.requireMayChange(config, organizer);
        QueuePolicy policy =
                PolicyChange.apply(inForce(eventId), change.maxAdmitRatePerSecond(), change.targetActiveShoppers());
        if (policy == null && change.paused() == null) {
            throw ApiProblem.badRequest(
                    "empty-queue-change", "Send at least one of paused, maxAdmitRatePerSecond, targetActiveShoppers.");
        }
        return gateway.changePolicy(eventId, policy, change.paused())
                .map(answer -> answer.map(QueueAdminController::changed)
                        .orElseGet(() -> ResponseEntity.accepted()
                                .header(HttpHeaders.RETRY_AFTER, "1")
                                .body(Map.of(
                                        "status", "PENDING", "detail", "The waiting room has not answered yet."))));
    }

    /** The policy in force: as the room last published it, else as configured. */
    private QueuePolicy inForce(String eventId) {
        QueuePolicy published =
                view.progress(eventId).map(QueueProgress::getPolicy).orElse(null);
        if (published != null) {
            return published;
        }
        EventConfig config = catalog.index(eventId)
                .orElseThrow(() -> QueueController.unknownEvent(eventId))
                .config();
        return config.getQueuePolicy() == null ? QueuePolicy.newBuilder().build() : config.getQueuePolicy();
    }

    private static ResponseEntity<Object> changed(QueueEvent answer) {
        if (answer.getType() != QueueEventType.POLICY_CHANGED) {
            throw QueueRefusals.refusal(answer, QueueCommandType.CHANGE_POLICY);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", answer.getEventId());
        QueuePolicy policy = answer.getPolicy();
        if (policy != null) {
            body.put(
                    "policy",
                    Map.of(
                            "activationThreshold",
                            policy.getActivationThreshold(),
                            "maxAdmitRatePerSecond",
                            policy.getMaxAdmitRatePerSecond(),
                            "targetActiveShoppers",
                            policy.getTargetActiveShoppers(),
                            "purchaseWindowMinutes",
                            policy.getPurchaseWindowMinutes()));
        }
        if (answer.getPaused() != null) {
            body.put("paused", answer.getPaused());
        }
        return ResponseEntity.status(HttpStatus.OK).body(body);
    }
}
