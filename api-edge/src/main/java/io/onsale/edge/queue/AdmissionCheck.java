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
 * buyer, within its window; an event whose room lets buyers through (or that has no room) needs none.
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
    record Refused(ApiProblem problem, boolean windowEnded) {
    }

    /** Empty when the order may go on; else the problem to answer, before anything is produced. */
    Optional<Refused> refusal(Optional<QueueProgress> progress, String eventId, String buyerId, String admissionToken,
                              Instant now) {
        if (!queueActive(progress)) {
            return Optional.empty();
        }
        if (admissionToken == null || admissionToken.isBlank()) {
            return Optional.of(new Refused(QueueProblems.admissionMissing(), false));
        }
        Verification<AdmissionToken> verified = tokens.verify(admissionToken.strip(), eventId, buyerId, now);
        return verified.isAccepted() ? Optional.empty()
                : Optional.of(new Refused(QueueProblems.admissionRefused(verified.refusal(), verified.detail()),
                        verified.refusal() == Refusal.EXPIRED));
    }
}
