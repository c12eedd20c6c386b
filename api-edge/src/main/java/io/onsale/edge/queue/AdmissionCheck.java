package io.onsale.edge.queue;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.queue.tokens.AdmissionToken;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.Refusal;
import io.onsale.queue.tokens.Verification;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an order may be placed (plain Java): while the event's waiting room is active (any mode but
 * {@code PASS_THROUGH}, as {@code queue-progress} last said) it needs an admission token for this event and this
 * buyer, within its window, for a place the buyer has not given up (left the queue); an event whose room lets buyers
 * through (or that has no room) needs none.
 */
final class AdmissionCheck {

    private final AdmissionTokens tokens;

    AdmissionCheck(AdmissionTokens tokens) {
        this.tokens = tokens;
    }

    static boolean queueActive(Optional<QueueProgress> progress) {
        return progress.map(room -> room.getMode() != QueueMode.PASS_THROUGH).orElse(false);
    }

    /**
     * Why an order is refused admission.
     *
     * @param windowEnded the buyer's own token for this event, refused only because its window has ended
     */
    record Refused(ApiProblem problem, boolean windowEnded) {}

    /** Admitted places whose buyer has left the queue since (the room's {@code LEFT} answers). */
    interface GivenUp {
        boolean givenUp(String eventId, String buyerId, long position);
    }

    /** Empty when the order may go on; else the problem to answer, before anything is produced. */
    Optional<Refused> refusal(
            Optional<QueueProgress> progress,
            GivenUp givenUp,
            String eventId,
            String buyerId,
            String admissionToken,
            Instant now) {
        if (!queueActive(progress)) {
            return Optional.empty();
        }
        if (admissionToken == null || admissionToken.isBlank()) {
            return Optional.of(new Refused(QueueProblems.admissionMissing(), false));
        }
        Verification<AdmissionToken> verified = tokens.verify(admissionToken.strip(), eventId, buyerId, now);
        if (verified.isAccepted()) {
            if (!givenUp.givenUp(eventId, buyerId, verified.value().position())) {
                return Optional.empty();
            }
            return Optional.of(new Refused(
                    QueueProblems.admissionRefused(
                            Refusal.PLACE_GIVEN_UP,
                            "you left the queue: "
                                    + "the place this token was issued for, and its purchase window, went to the next buyer"),
                    false));
        }
        return Optional.of(new Refused(
                QueueProblems.admissionRefused(verified.refusal(), verified.detail()),
                verified.refusal() == Refusal.EXPIRED));
    }
}
