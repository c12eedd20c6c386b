package io.onsale.reservations.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a buyer who gives holds up may hold next (ADR 0018): the answer to hold–release loops, where an account keeps
 * seats away from other buyers by cancelling just before its hold expires and holding them again at once.
 *
 * <ul>
 *   <li><b>A seat's cooldown.</b> A buyer who gave up a hold of a seat (cancelled, or let it expire) may not hold that
 *       seat again for {@link #SEAT_COOLDOWN}; everybody else may at once. Kept by the seat ({@link Unit#releasers()}),
 *       decided by {@link UnitDecider}: refused {@link RejectionReason#RELEASE_COOLDOWN}. A zone's tickets are all
 *       alike, so a zone keeps no releasers: the release limit bounds loops on them.</li>
 *   <li><b>A buyer's release limit.</b> After {@link #RELEASE_LIMIT} held orders ended cancelled or expired within
 *       {@link #RELEASE_WINDOW}, the buyer's new orders for the event are refused {@code RELEASE_LIMIT} until the oldest
 *       of them leaves the window. Kept in the buyer's books (at most {@link #RELEASE_LIMIT} times), decided by
 *       {@link OrderDecider}.</li>
 * </ul>
 * Only what the buyer chose counts: holds the engine gives back on its behalf (all or nothing, the ticket limit, an
 * order's next attempt) start no cooldown and count toward no limit. Pure: times are record times.
 */
public final class ReleasePolicy {

    /** How long a buyer who gave up a seat's hold waits before holding that seat again. */
    public static final Duration SEAT_COOLDOWN = Duration.ofMinutes(2);

    /**
     * Releasers a seat remembers at most, the most recent; an older one still cooling down is forgotten. A seat has one
     * holder at a time, so more than a few buyers giving it up within one cooldown are accounts taking turns, which the
     * cooldown of one account cannot stop anyway; the bound keeps the seat's record small whatever they do.
     */
    public static final int REMEMBERED_RELEASERS = 4;

    /** Held orders a buyer may give up within {@link #RELEASE_WINDOW} before its new orders are refused. */
    public static final int RELEASE_LIMIT = 3;

    /** The sliding window of {@link #RELEASE_LIMIT}: six default hold windows, so a loop at the hold's pace is capped. */
    public static final Duration RELEASE_WINDOW = Duration.ofMinutes(60);

    private ReleasePolicy() {}

    // ---- a seat's cooldown

    /** When {@code buyerId} may hold the seat again, if it is still cooling down at {@code at}. */
    public static Optional<Instant> cooldownEnds(List<Releaser> releasers, String buyerId, Instant at) {
        return releasers.stream()
                .filter(releaser -> releaser.buyerId().equals(buyerId))
                .map(releaser -> releaser.releasedAt().plus(SEAT_COOLDOWN))
                .filter(end -> end.isAfter(at))
                .max(Comparator.naturalOrder());
    }

    /** The seat's releasers after {@code buyerId} gave up a hold of it at {@code at}: the ones still cooling, bounded. */
    static List<Releaser> rememberReleaser(List<Releaser> releasers, String buyerId, Instant at) {
        List<Releaser> next = new ArrayList<>(releasers.stream()
                .filter(releaser -> !releaser.buyerId().equals(buyerId))
                .filter(releaser -> releaser.releasedAt().plus(SEAT_COOLDOWN).isAfter(at))
                .toList());
        next.add(new Releaser(buyerId, at));
        next.sort(Comparator.comparing(Releaser::releasedAt));
        return List.copyOf(next.subList(Math.max(0, next.size() - REMEMBERED_RELEASERS), next.size()));
    }

    // ---- a buyer's release limit

    /** Until when the buyer's new holds are refused at {@code at}, if they are: the window must free one release first. */
    public static Optional<Instant> holdsRefusedUntil(List<Instant> releases, Instant at) {
        List<Instant> recent = inWindow(releases, at);
        if (recent.size() < RELEASE_LIMIT) {
            return Optional.empty();
        }
        return Optional.of(recent.get(recent.size() - RELEASE_LIMIT).plus(RELEASE_WINDOW));
    }

    /** The buyer's releases after one more at {@code at}: those still in the window, at most {@link #RELEASE_LIMIT}. */
    static List<Instant> rememberRelease(List<Instant> releases, Instant at) {
        List<Instant> next = new ArrayList<>(inWindow(releases, at));
        next.add(at);
        next.sort(Comparator.naturalOrder());
        return List.copyOf(next.subList(Math.max(0, next.size() - RELEASE_LIMIT), next.size()));
    }

    private static List<Instant> inWindow(List<Instant> releases, Instant at) {
        return releases.stream()
                .filter(release -> release.plus(RELEASE_WINDOW).isAfter(at))
                .sorted()
                .toList();
    }
}
