package io.onsale.edge.queue;

import io.onsale.queue.tokens.QueueTicket;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueueProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * A ticket's status from the event's progress alone (plain Java): where the serving counter is, how fast it moves,
 * and the admitted batch that covers the position. No per-buyer state: a buyer who left still reads as served once
 * the counter passes the position.
 */
final class StatusDecider {

    /** The ETA range around the observed rate: a rate 25% faster gives the soonest, 25% slower the latest. */
    static final double FASTER = 1.25;

    static final double SLOWER = 0.75;

    private StatusDecider() {}

    /**
     * @param admissions what the admitted batches say about a position
     * @param poll       the suggested poll interval while the answer can still change
     */
    static QueueStatus decide(
            QueueTicket ticket,
            QueueProgress progress,
            LongFunction<AdmittedBatches.Lookup> admissions,
            PresalePositions draws,
            Instant now,
            Duration poll) {
        long serving = progress.getServingCounter();
        double rate = progress.getAdmitRatePerSecond();
        String mode = progress.getMode().name();
        Long presaleNumber = ticket.presale() ? ticket.number() : null;
        Long position = positionOf(ticket, progress, draws);
        long pollAfter = Math.max(1, poll.toSeconds());
        if (position == null) {
            return new QueueStatus(
                    ticket.eventId(),
                    progress.getSoldOut() ? QueueState.SOLD_OUT : QueueState.PRE_SALE,
                    mode,
                    null,
                    presaleNumber,
                    serving,
                    null,
                    null,
                    rate,
                    progress.getPaused(),
                    null,
                    null,
                    null,
                    null,
                    progress.getSoldOut() ? null : pollAfter);
        }
        if (position <= serving) {
            AdmittedBatches.Lookup lookup = admissions.apply(position);
            if (lookup instanceof AdmittedBatches.Lookup.Admitted admitted) {
                AdmittedBatches.Batch batch = admitted.batch();
                QueueState state = batch.windowEndsAt().isAfter(now) ? QueueState.ADMITTED : QueueState.EXPIRED;
                return new QueueStatus(
                        ticket.eventId(),
                        state,
                        mode,
                        position,
                        presaleNumber,
                        serving,
                        0L,
                        null,
                        rate,
                        progress.getPaused(),
                        batch.admittedAt(),
                        batch.windowEndsAt(),
                        null,
                        null,
                        null);
            }
            if (lookup instanceof AdmittedBatches.Lookup.Forgotten) {
                return new QueueStatus(
                        ticket.eventId(),
                        QueueState.EXPIRED,
                        mode,
                        position,
                        presaleNumber,
                        serving,
                        0L,
                        null,
                        rate,
                        progress.getPaused(),
                        null,
                        null,
                        null,
                        null,
                        null);
            }
            // Served, but the batch has not reached this instance yet: it is a moment away.
            return new QueueStatus(
                    ticket.eventId(),
                    progress.getSoldOut() ? QueueState.SOLD_OUT : QueueState.WAITING,
                    mode,
                    position,
                    presaleNumber,
                    serving,
                    0L,
                    new QueueStatus.Eta(0, 1),
                    rate,
                    progress.getPaused(),
                    null,
                    null,
                    null,
                    null,
                    progress.getSoldOut() ? null : 1L);
        }
        long ahead = position - serving - 1;
        if (progress.getSoldOut()) {
            return new QueueStatus(
                    ticket.eventId(),
                    QueueState.SOLD_OUT,
                    mode,
                    position,
                    presaleNumber,
                    serving,
                    ahead,
                    null,
                    rate,
                    progress.getPaused(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        QueueStatus.Eta eta = eta(position - serving, rate, progress.getPaused());
        return new QueueStatus(
                ticket.eventId(),
                QueueState.WAITING,
                mode,
                position,
                presaleNumber,
                serving,
                ahead,
                eta,
                rate,
                progress.getPaused(),
                null,
                null,
                null,
                null,
                pollAfter(eta, pollAfter));
    }

    /** A waiting buyer polls at most every this many seconds, however far back (the status stream tells changes anyway). */
    static final long MAX_POLL_SECONDS = 30;

    /**
     * How long a waiting buyer should wait before asking again: a quarter of the soonest ETA, between the configured
     * poll and {@link #MAX_POLL_SECONDS}. Ten thousand buyers far back then ask a few times a minute instead of every
     * {@code poll}, and the status reads follow the front of the line, where answers change.
     */
    static long pollAfter(QueueStatus.Eta eta, long poll) {
        if (eta == null) {
            return poll;
        }
        return Math.max(poll, Math.min(MAX_POLL_SECONDS, eta.minSeconds() / 4));
    }

    /**
     * Seconds until the counter reaches the position, {@code toServe} positions away, at about the observed rate.
     * Never negative; for a steady rate it only goes down as the counter moves. Unknown (null) while nothing is
     * admitted.
     */
    static QueueStatus.Eta eta(long toServe, double ratePerSecond, boolean paused) {
        if (paused || !(ratePerSecond > 0) || toServe < 0) {
            return toServe <= 0 ? new QueueStatus.Eta(0, 0) : null;
        }
        long soonest = (long) Math.floor(toServe / (ratePerSecond * FASTER));
        long latest = (long) Math.ceil(toServe / (ratePerSecond * SLOWER));
        return new QueueStatus.Eta(Math.max(0, soonest), Math.max(0, latest));
    }

    /** The ticket's position, or {@code null} for a pre-sale ticket before the draw. */
    static Long positionOf(QueueTicket ticket, QueueProgress progress, PresalePositions draws) {
        if (!ticket.presale()) {
            return ticket.number();
        }
        if (progress.getPresaleSeed() == null
                || progress.getMode() == QueueMode.PRE_SALE
                || ticket.number() > progress.getPresaleCount()) {
            return null;
        }
        return draws.positionOf(progress.getPresaleSeed(), (int) progress.getPresaleCount(), ticket.number());
    }
}
