package io.onsale.edge.queue;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.queue.tokens.Refusal;
import org.springframework.http.HttpStatus;

/** Why a ticket or an admission token is refused, as problem+json. */
final class QueueProblems {

    private QueueProblems() {}

    /**
     * A ticket in a status URL: not a ticket or not signed here → 401; another buyer's → 403; another event's → 404
     * (there is no such ticket in this event's queue).
     */
    static ApiProblem ticketRefused(Refusal refusal, String detail) {
        return switch (refusal) {
            case WRONG_BUYER ->
                new ApiProblem(
                        HttpStatus.FORBIDDEN,
                        "queue-ticket-of-another-buyer",
                        "Forbidden",
                        "This queue ticket belongs to another buyer.");
            case WRONG_EVENT -> ApiProblem.notFound("unknown-queue-ticket", "This queue ticket is not for this event.");
            default ->
                new ApiProblem(
                                HttpStatus.UNAUTHORIZED,
                                "invalid-queue-ticket",
                                "Invalid queue ticket",
                                "The queue ticket is not valid: " + detail + ".")
                        .with("refusal", refusal.name());
        };
    }

    /** An admission token on an order: missing, malformed, forged, expired → 401; another event's or buyer's → 403. */
    static ApiProblem admissionRefused(Refusal refusal, String detail) {
        HttpStatus status = refusal == Refusal.WRONG_BUYER || refusal == Refusal.WRONG_EVENT
                ? HttpStatus.FORBIDDEN
                : HttpStatus.UNAUTHORIZED;
        return new ApiProblem(
                        status,
                        "admission-refused",
                        "Admission refused",
                        "This event's waiting room is active: the order needs a valid Admission-Token of yours for this event "
                                + "(" + detail + ").")
                .with("refusal", refusal.name());
    }

    static ApiProblem admissionMissing() {
        return new ApiProblem(
                HttpStatus.UNAUTHORIZED,
                "admission-required",
                "Admission required",
                "This event's waiting room is active: join it (POST /api/events/{eventId}/queue) and send the admission "
                        + "token you get once admitted as the Admission-Token header.");
    }
}
