package io.onsale.reservations.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A section's view of one of its units: counts as of the unit's last decision, and the order the section
 * handed it to whose hold has not been decided yet, and for a seat the order that holds it. The unit itself stays
 * the authority; this view may be a moment behind it.
 */
public record UnitView(
        String unitId,
        UnitSpec.Kind kind,
        String row,
        Integer number,
        int capacity,
        int held,
        int sold,
        boolean killed,
        String priceTier,
        long priceMinor,
        String allocatedTo,
        int allocatedQuantity,
        Instant allocatedAt,
        String heldBy) {

    /** A pick whose hold decision never came back stops blocking the unit after this long. */
    public static final Duration ALLOCATION_TIMEOUT = Duration.ofSeconds(30);

    /** What a new pick could take from this unit now. */
    public int free(Instant now) {
        if (killed) {
            return 0;
        }
        return Math.max(0, capacity - held - sold - pending(now));
    }

    /** What is left if no one held anything: sold and killed units are gone for good. */
    public int unsold() {
        return killed ? 0 : Math.max(0, capacity - sold);
    }

    /** A seat that nobody bought and the organizer did not block: an order holding it may hand it to itself. */
    public boolean reusableSeat() {
        return kind == UnitSpec.Kind.SEAT && !killed && sold == 0;
    }

    /**
     * A seat this order holds, or was handed and has not heard back about: its next attempt may take it again
     * (the unit hands a seat from one attempt of an order to the next).
     */
    public boolean ownSeatOf(String orderId) {
        return orderId != null && reusableSeat() && (orderId.equals(heldBy) || orderId.equals(allocatedTo));
    }

    public int pending(Instant now) {
        boolean live = allocatedTo != null
                && allocatedAt != null
                && allocatedAt.plus(ALLOCATION_TIMEOUT).isAfter(now);
        return live ? allocatedQuantity : 0;
    }

    public UnitView allocated(String orderId, int quantity, Instant at) {
        return new UnitView(
                unitId,
                kind,
                row,
                number,
                capacity,
                held,
                sold,
                killed,
                priceTier,
                priceMinor,
                orderId,
                quantity,
                at,
                heldBy);
    }

    /**
     * The unit decided: take its counts, drop the pick if the decision answers {@code answeredOrderId}, and
     * remember which order a seat's hold belongs to: {@code holderOrderId} when the decision was a hold taken, else
     * the holder known so far, unless the decision refused the order this view took for the holder.
     */
    public UnitView decided(
            int newCapacity,
            int newHeld,
            int newSold,
            boolean newKilled,
            String answeredOrderId,
            String holderOrderId) {
        boolean answered = allocatedTo != null && allocatedTo.equals(answeredOrderId);
        String holder;
        if (kind != UnitSpec.Kind.SEAT || newHeld == 0) {
            holder = null;
        } else if (holderOrderId != null) {
            holder = holderOrderId;
        } else {
            holder = heldBy != null && heldBy.equals(answeredOrderId) ? null : heldBy;
        }
        return new UnitView(
                unitId,
                kind,
                row,
                number,
                newCapacity,
                newHeld,
                newSold,
                newKilled,
                priceTier,
                priceMinor,
                answered ? null : allocatedTo,
                answered ? 0 : allocatedQuantity,
                answered ? null : allocatedAt,
                holder);
    }

    public UnitView withoutPick() {
        return new UnitView(
                unitId, kind, row, number, capacity, held, sold, killed, priceTier, priceMinor, null, 0, null, heldBy);
    }
}
