package io.onsale.queue.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One event's waiting room at rest: what the store keeps between commands.
 *
 * @param policy            the policy in force
 * @param configuredPolicy  the policy of the event config as last seen (a new config policy replaces live changes)
 * @param presaleSeed       hex seed of the pre-sale draw; {@code null} for a room opened after sale open
 * @param lastPosition      highest position handed out
 * @param servingCounter    highest position served
 * @param admittedSinceTick buyers admitted since the last tick (passed through or served), for the observed rate
 * @param admitCredit       admissions earned by elapsed time and not yet spent (at most one second's worth)
 * @param progressDue       something changed since queue-progress was last published
 * @param checkout          what the edges last said about checkout; {@code null} until they said anything
 */
public record RoomState(
        String eventId,
        Mode mode,
        Policy policy,
        Policy configuredPolicy,
        boolean paused,
        boolean soldOut,
        Instant saleOpensAt,
        long presaleCount,
        boolean presaleDrawn,
        String presaleSeed,
        long lastPosition,
        long servingCounter,
        long waiting,
        long activeShoppers,
        long admittedTotal,
        long admittedSinceTick,
        double admitCredit,
        double observedAdmitRate,
        Instant lastTickAt,
        Instant lastAdmittedAt,
        boolean progressDue,
        CheckoutHealth checkout) {

    public RoomState {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(configuredPolicy, "configuredPolicy");
        Objects.requireNonNull(saleOpensAt, "saleOpensAt");
    }

    /**
     * A room opened {@code at}: nobody waiting, admitted or served yet, not paused, not sold out, its policy both in force
     * and as configured, and its progress due at once.
     *
     * @param presaleSeed the committed seed of a pre-sale draw still to come; {@code null} when there is none to draw
     */
    public static RoomState opened(
            String eventId, Mode mode, Policy policy, Instant saleOpensAt, String presaleSeed, Instant at) {
        boolean drawn = presaleSeed == null;
        return new RoomState(
                eventId,
                mode,
                policy,
                policy,
                false,
                false,
                saleOpensAt,
                0,
                drawn,
                presaleSeed,
                0,
                0,
                0,
                0,
                0,
                0,
                0.0,
                0.0,
                at,
                null,
                true,
                null);
    }

    /** The same room with its last tick at {@code at}. */
    public RoomState withLastTickAt(Instant at) {
        return new RoomState(
                eventId,
                mode,
                policy,
                configuredPolicy,
                paused,
                soldOut,
                saleOpensAt,
                presaleCount,
                presaleDrawn,
                presaleSeed,
                lastPosition,
                servingCounter,
                waiting,
                activeShoppers,
                admittedTotal,
                admittedSinceTick,
                admitCredit,
                observedAdmitRate,
                at,
                lastAdmittedAt,
                progressDue,
                checkout);
    }

    /** Hex SHA-256 of the pre-sale seed, published before the draw; {@code null} if there is no seed. */
    public String presaleSeedCommitment() {
        return presaleSeed == null ? null : PresaleDraw.commitment(presaleSeed);
    }

    /** The admit rate in force at {@code now}: the policy's, or less while the edges say checkout is unhealthy. */
    public int admitLimitAt(Instant now) {
        return checkout != null && checkout.inForceAt(now)
                ? checkout.admitRate(policy.maxAdmitRatePerSecond())
                : policy.maxAdmitRatePerSecond();
    }

    /** Why admission is slowed at {@code now}; {@code null} when it is not. */
    public String slowedBecauseAt(Instant now) {
        return checkout != null && checkout.slowed() && checkout.inForceAt(now) ? checkout.slowedBecause() : null;
    }

    /** The seed once it may be known: after the draw. */
    public String revealedSeed() {
        return presaleDrawn ? presaleSeed : null;
    }
}
