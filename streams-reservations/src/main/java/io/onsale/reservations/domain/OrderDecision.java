package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.List;

/**
 * What deciding one order input produced: the buyer's orders afterwards and its releases (when its last held orders
 * ended cancelled or expired, for {@link ReleasePolicy}; ADR 0018), commands for units, requests to sections, and
 * answers for the buyer, in order; and the ended orders that left the buyer's record ({@code archived}, the oldest
 * beyond {@link OrderDecider#KEPT_FINISHED_ORDERS}), which the caller keeps by order id so that a retry of one is still
 * answered as it was decided (ADR 0015).
 */
public record OrderDecision(
        List<Order> orders,
        List<Instant> releases,
        boolean changed,
        List<UnitRequest> unitRequests,
        List<AllocationRequest> allocationRequests,
        List<Answer> answers,
        List<Order> archived) {

    public OrderDecision {
        orders = List.copyOf(orders);
        releases = List.copyOf(releases);
        archived = List.copyOf(archived);
        unitRequests = List.copyOf(unitRequests);
        allocationRequests = List.copyOf(allocationRequests);
        answers = List.copyOf(answers);
    }

    /**
     * A command for one unit on behalf of an order; {@code givenUp}: a RELEASE the buyer asked for (a cancel), which
     * starts its cooldown on a seat (ADR 0018), not one the engine gives back on its behalf.
     */
    public record UnitRequest(
            Type type,
            String requestId,
            String sectionId,
            String unitId,
            String holdId,
            int quantity,
            int orderQuantity,
            boolean givenUp) {
        public enum Type {
            HOLD,
            RELEASE,
            CONFIRM
        }
    }

    /**
     * Ask a section to pick {@code quantity} tickets and hold them under {@code holdId}, never {@code excludedUnitIds};
     * {@code reusableUnitIds} are seats the order is giving back from an earlier attempt, free for this pick.
     */
    public record AllocationRequest(
            String requestId,
            String sectionId,
            String orderId,
            String holdId,
            int quantity,
            List<String> excludedUnitIds,
            List<String> reusableUnitIds) {
        public AllocationRequest {
            excludedUnitIds = List.copyOf(excludedUnitIds);
            reusableUnitIds = List.copyOf(reusableUnitIds);
        }
    }

    /** An answer about an order; {@code order} is its state as answered. */
    public record Answer(Type type, String requestId, Instant at, Order order, OrderReason reason) {
        public enum Type {
            HELD,
            REJECTED,
            CONFIRMED,
            EXPIRED,
            CANCELLED
        }
    }
}
