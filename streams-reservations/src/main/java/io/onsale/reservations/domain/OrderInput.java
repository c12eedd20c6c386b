package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.List;

/** Something that happens to an order. {@code at} is the record timestamp: server time. */
public sealed interface OrderInput {

    String requestId();

    Instant at();

    String orderId();

    /** A unit the buyer named: a seat, or a quantity of a general-admission zone. */
    record UnitRef(String sectionId, String unitId, int quantity) {}

    /** Specific {@code units}, or {@code quantity} tickets the section picks when {@code sectionId} is set. */
    record Place(String requestId, Instant at, String orderId, List<UnitRef> units, String sectionId, int quantity)
            implements OrderInput {
        public Place {
            units = List.copyOf(units);
        }
    }

    /** A unit decided one of the order's holds. */
    record UnitDecided(
            String requestId,
            Instant at,
            String orderId,
            String holdId,
            String sectionId,
            String unitId,
            UnitEvent.Type decision,
            RejectionReason reason,
            int quantity,
            Instant holdExpiresAt,
            long priceMinor,
            List<Alternative> alternatives)
            implements OrderInput {
        public UnitDecided {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The section could not find what a best-available or general-admission order asked for. */
    record AllocationFailed(
            String requestId,
            Instant at,
            String orderId,
            String holdId,
            RejectionReason reason,
            List<Alternative> alternatives)
            implements OrderInput {
        public AllocationFailed {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** Payment went through: turn the holds into sales. */
    record Confirm(String requestId, Instant at, String orderId, String paymentId) implements OrderInput {}

    /** The buyer gives the order up. */
    record Cancel(String requestId, Instant at, String orderId) implements OrderInput {}

    /**
     * The order was decided where its section lives and its buyer already answered (ADR 0009); the books take it in.
     * A held order arrives as one of these per unit ({@code decision} HELD, {@code orderQuantity} its tickets in all);
     * a refused one as one with {@code decision} REJECTED.
     */
    record Placed(
            String requestId,
            Instant at,
            String orderId,
            String holdId,
            String sectionId,
            String unitId,
            UnitEvent.Type decision,
            RejectionReason reason,
            int quantity,
            int orderQuantity,
            Instant holdExpiresAt,
            long priceMinor,
            String currency,
            List<Alternative> alternatives)
            implements OrderInput {
        public Placed {
            alternatives = List.copyOf(alternatives);
        }
    }
}
