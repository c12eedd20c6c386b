package io.onsale.edge.queue;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.kafka.compat.QueueReasons;
import io.onsale.schema.queue.QueueCommandType;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueReason;
import org.springframework.http.HttpStatus;

/**
 * What a buyer or an organizer reads when the waiting room refuses a command: the room's typed reason (ADR 0022) as
 * {@code reason}, with its status, problem type and sentence. Every reason has them in exhaustive {@code switch}
 * expressions, so a reason added to the contract does not compile here until it has them; a reason added after this
 * edge was built reads as {@code UNKNOWN}, with the room's name for it in the detail.
 */
final class QueueRefusals {

    private QueueRefusals() {}

    /** @param asked the command the room refused: {@code JOIN}, {@code LEAVE} or {@code CHANGE_POLICY} */
    static ApiProblem refusal(QueueEvent answer, QueueCommandType asked) {
        QueueReason known = QueueReasons.of(answer);
        QueueReason reason = known == null ? QueueReason.UNKNOWN : known;
        Refused refused = refusedFor(asked);
        String detail = switch (reason) {
            case UNKNOWN_EVENT -> "There is no event '" + answer.getEventId() + "'.";
            case LEFT_QUEUE -> "You left this event's waiting room: a place given up is not given again.";
            case NOT_IN_QUEUE ->
                "There is no live place to leave: it was left, its checkout ended, or its purchase window" + " closed.";
            case INVALID_POLICY -> {
                String problems = QueueReasons.detailOf(answer);
                yield "The waiting room cannot put this policy in force: "
                        + (problems == null ? "it is not valid" : problems) + ".";
            }
            // Reasons a place ends for, not refusals: a room that gave one is answered as it said it.
            case CONFIRMED, CANCELLED, EXPIRED, ENDED, WINDOW_CLOSED, LEFT ->
                "The waiting room refused the " + refused.what() + ": " + reason.name() + ".";
            case UNKNOWN ->
                "The waiting room refused the " + refused.what() + ": "
                        + (answer.getReason() == null ? "no reason given" : answer.getReason()) + ".";
        };
        ApiProblem problem = switch (reason) {
            case UNKNOWN_EVENT -> ApiProblem.notFound("unknown-event", detail);
            case LEFT_QUEUE -> new ApiProblem(HttpStatus.CONFLICT, "queue-join-refused", "Join refused", detail);
            case NOT_IN_QUEUE -> new ApiProblem(HttpStatus.CONFLICT, "queue-leave-refused", "Not in the queue", detail);
            case INVALID_POLICY -> ApiProblem.unprocessable("queue-change-refused", detail);
            case CONFIRMED, CANCELLED, EXPIRED, ENDED, WINDOW_CLOSED, LEFT, UNKNOWN ->
                new ApiProblem(refused.status(), refused.slug(), refused.title(), detail);
        };
        return problem.with("reason", reason.name());
    }

    /** How a refusal the room gives no reason of its own for is answered, by what was asked. */
    private record Refused(String what, HttpStatus status, String slug, String title) {}

    private static Refused refusedFor(QueueCommandType asked) {
        return switch (asked) {
            case LEAVE -> new Refused("leave", HttpStatus.CONFLICT, "queue-leave-refused", "Leave refused");
            case CHANGE_POLICY ->
                new Refused(
                        "change", HttpStatus.UNPROCESSABLE_CONTENT, "queue-change-refused", "Unprocessable request");
            default -> new Refused("join", HttpStatus.CONFLICT, "queue-join-refused", "Join refused");
        };
    }
}
