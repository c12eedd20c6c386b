package io.onsale.edge.docs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * Shapes the edge writes as maps or problem details, described for the document only. Each mirrors where it is
 * built (named in its description); {@code ApiDocsTest} checks the document, not these against the code.
 */
final class DocModels {

    private DocModels() {}

    @Schema(
            name = "Problem",
            description = "RFC 9457 problem detail (problem/Problems, problem/ApiProblem). Extensions "
                    + "appear only for the kinds that carry them.")
    record Problem(
            @Schema(
                    description = "`urn:onsale:problem:<kind>`, e.g. `seat-taken`, `rate-limited`, `body-too-large`; "
                            + "branch on it",
                    example = "urn:onsale:problem:seat-taken")
            String type,

            @Schema(description = "Short human summary of the kind", example = "Not available")
            String title,

            @Schema(description = "The HTTP status code", example = "409")
            int status,

            @Schema(description = "What was wrong with this request, in words for a person")
            String detail,

            @Schema(description = "The request path") String instance,

            @Schema(
                    description = "The engine's or the waiting room's reason code (409, 422, 404 answers to orders; "
                            + "refused joins, leaves and queue changes); UNKNOWN for a reason newer than this edge",
                    example = "SEAT_TAKEN")
            String reason,

            @Schema(description = "The order a refusal is about")
            String orderId,

            @Schema(description = "What the buyer could take instead (409 on an order); empty when nothing is offered")
            List<Object> alternatives,

            @Schema(description = "Every problem of an invalid event config (400 `invalid-event-config`)")
            List<FieldError> errors,

            @Schema(description = "Why a queue ticket or admission token was refused (401/403)", example = "EXPIRED")
            String refusal,

            @Schema(
                    description = "Which rate limit refused the request (429): `orders`, `queue-join`, `payment`, "
                            + "`anonymous`")
            String limit,

            @Schema(description = "Seconds until the request may be sent again (429; the same as `Retry-After`)")
            Long retryAfterSeconds,

            @Schema(description = "The body limit of this endpoint in bytes (413 `body-too-large`)")
            Long maxBytes) {}

    @Schema(name = "FieldError", description = "One problem of an event config")
    record FieldError(
            @Schema(description = "The field, as a JSON path into the config", example = "sections[0].seats[3].seatId")
            String field,

            @Schema(description = "What is wrong with it", example = "must be between 1 and 30, got 45")
            String message) {}

    @Schema(
            name = "Pending",
            description =
                    "202: not decided yet (buyer/OrderAnswers#pending, queue controllers). "
                            + "Retry with the same `Idempotency-Key` (orders) or join again (queue): the answer is the same request's.")
    record Pending(
            @Schema(description = "Always `PENDING`", example = "PENDING")
            String status,

            @Schema(description = "The order's id (orders only)")
            String orderId,

            @Schema(description = "Where to read the order (orders only)", example = "/api/orders/E1:3f2…")
            String statusUrl,

            @Schema(description = "Seconds to wait before asking again (orders only; `Retry-After` carries it always)")
            Integer retryAfterSeconds,

            @Schema(description = "What to do next, in words")
            String detail) {}

    @Schema(name = "EventConfigAnswer", description = "The answer to an event config (organizer/EventAdminController)")
    record EventConfigAnswer(
            @Schema(description = "The configured event") String eventId,

            @Schema(
                    description =
                            "`READY` (200): this instance decides orders with it; `ACCEPTED` (202): produced, not "
                                    + "visible here within `onsale.kafka.config-visible-timeout` yet",
                    example = "READY")
            String status,

            @Schema(description = "Inventory changes only: the seats and zones taken off sale")
            List<String> killed,

            @Schema(description = "Inventory changes only: the seats and zones put back on sale")
            List<String> restored,

            @Schema(description = "Inventory changes only: the zones' new capacities")
            Map<String, Integer> capacity) {}

    @Schema(
            name = "QueueChangeAnswer",
            description = "The waiting room's committed POLICY_CHANGED (queue/QueueAdminController)")
    record QueueChangeAnswer(
            @Schema(description = "The event") String eventId,

            @Schema(description = "The policy now in force (absent when only `paused` changed)")
            Policy policy,

            @Schema(description = "Whether admission is paused (present when it was changed)")
            Boolean paused) {}

    @Schema(name = "QueuePolicy", description = "A waiting room's policy")
    record Policy(
            @Schema(description = "Buyers at once from which the room queues instead of letting through")
            int activationThreshold,

            @Schema(description = "Most buyers admitted per second")
            int maxAdmitRatePerSecond,

            @Schema(description = "Admitted buyers shopping at once the room aims for")
            int targetActiveShoppers,

            @Schema(description = "Minutes an admitted buyer has to order")
            int purchaseWindowMinutes) {}
}
