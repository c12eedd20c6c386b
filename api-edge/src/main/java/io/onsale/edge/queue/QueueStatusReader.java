package io.onsale.edge.queue;

import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.queue.tokens.AdmissionToken;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.queue.tokens.QueueTickets;
import io.onsale.queue.tokens.Verification;
import io.onsale.schema.queue.QueueProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Answers a ticket's status on any instance, from the ticket and the local {@link QueueProgressView}: verify the
 * ticket (signature, event, buyer), decide the status ({@link StatusDecider}), and mint the admission token once the
 * buyer is admitted (its expiry is the end of the purchase window).
 */
class QueueStatusReader {

    private final QueueTickets tickets;
    private final AdmissionTokens admissions;
    private final QueueProgressView view;
    private final PresalePositions draws = new PresalePositions();
    private final EtaAccuracy accuracy;
    private final Clock clock;
    private final Duration poll;
    /** About 0.5 KB each: 100,000 admitted buyers polling cost some 50 MB of heap at most. */
    private static final int MAX_MINTED = 100_000;

    private final Map<AdmissionToken, String> minted = new ConcurrentHashMap<>();

    QueueStatusReader(
            QueueTickets tickets,
            AdmissionTokens admissions,
            QueueProgressView view,
            EtaAccuracy accuracy,
            Clock clock,
            Duration poll) {
        this.tickets = tickets;
        this.admissions = admissions;
        this.view = view;
        this.accuracy = accuracy;
        this.clock = clock;
        this.poll = poll;
    }

    /** The ticket, if it is this buyer's for this event; else the problem to answer. */
    QueueTicket verify(String ticket, String eventId, String buyerId) {
        Verification<QueueTicket> verified = tickets.verify(ticket, eventId, buyerId);
        if (!verified.isAccepted()) {
            throw QueueProblems.ticketRefused(verified.refusal(), verified.detail());
        }
        return verified.value();
    }

    QueueStatus status(QueueTicket ticket) {
        QueueProgress progress = view.progress(ticket.eventId())
                .orElseThrow(() -> new StoreUnavailableException(
                        view.caughtUp()
                                ? "the waiting room of this event is not visible here yet; try again shortly"
                                : "this instance is still reading the waiting rooms' progress; try again shortly"));
        Instant now = clock.instant();
        QueueStatus status = StatusDecider.decide(
                ticket, progress, position -> view.admission(ticket.eventId(), position), draws, now, poll);
        if (status.state() == QueueState.WAITING && status.position() != null) {
            accuracy.quoted(ticket.eventId(), status.position(), now, status.eta());
        }
        if (status.state() != QueueState.ADMITTED) {
            return status;
        }
        return status.withAdmissionToken(minted(
                new AdmissionToken(
                        ticket.eventId(),
                        ticket.buyerId(),
                        status.position(),
                        status.admittedAt().isBefore(now) ? status.admittedAt() : now,
                        status.windowEndsAt()),
                now));
    }

    /**
     * The token of this admission, signed once: an admitted buyer's page polls its status until it buys, and signing a
     * new token for each poll was an eighth of the event loops' cpu under status reads
     * (docs/benchmarks/log/2026-12-03-session-6-fast-reads.md). The
     * same admission (event, buyer, position, admitted at, window end) gets the same token until its window ends.
     */
    private String minted(AdmissionToken admission, Instant now) {
        String token = minted.get(admission);
        if (token != null) {
            return token;
        }
        if (minted.size() >= MAX_MINTED) {
            minted.keySet().removeIf(old -> !old.expiresAt().isAfter(now));
            if (minted.size() >= MAX_MINTED) {
                minted.clear(); // a burst of admissions then costs a signature each, as before, never more memory
            }
        }
        token = admissions.mint(admission);
        minted.put(admission, token);
        return token;
    }

    /**
     * The status each time the event's progress changes here, starting now; ends once admitted, expired or sold out.
     * The view's one reader thread hands every stream each change: all it does here is compare an event id and keep it
     * as the stream's latest (one per stream, never a line: a stream that has not asked for more gets the newest
     * status when it does). The status is worked out on a parallel worker, so neither a slow client nor the number of
     * streams holds the reader up (before, every stream's status was decided and written on the reader's thread).
     */
    Flux<QueueStatus> statuses(QueueTicket ticket) {
        Flux<String> changes = view.changes()
                .filter(ticket.eventId()::equals)
                .onBackpressureLatest()
                .publishOn(Schedulers.parallel(), 1);
        return Flux.concat(Flux.just(ticket.eventId()), changes)
                .filter(changed -> view.progress(ticket.eventId()).isPresent())
                .map(changed -> status(ticket))
                .distinctUntilChanged(QueueStatus::withoutSecrets)
                .takeUntil(QueueStatus::finished);
    }

    String sign(QueueTicket ticket) {
        return tickets.sign(ticket);
    }
}
