package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.List;

/**
 * What deciding one order input produced: the buyer's orders afterwards, commands for units, requests to
 * sections, and answers for the buyer, in order.
 */
public record OrderDecision(List<Order> orders, boolean changed, List<UnitRequest> unitRequests,
                            List<AllocationRequest> allocationRequests, List<Answer> answers) {

    public OrderDecision {
        orders = List.copyOf(orders);
        unitRequests = List.copyOf(unitRequests);
        allocationRequests = List.copyOf(allocationRequests);
        answers = List.copyOf(answers);
    }

    /** A command for one unit on behalf of an order. */
    public record UnitRequest(Type type, String requestId, String sectionId, String unitId, String holdId, int quantity,
                              int orderQuantity) {
        public enum Type { HOLD, RELEASE, CONFIRM }
    }

    /**
     * Ask a section to pick {@code quantity} tickets and hold them under {@code holdId}, never {@code excludedUnitIds};
     * {@code reusableUnitIds} are seats the order is giving back from an earlier attempt, free for this pick.
     */
    public record AllocationRequest(String requestId, String sectionId, String orderId, String holdId, int quantity,
                                    List<String> excludedUnitIds, List<String> reusableUnitIds) {
        public AllocationRequest {
            excludedUnitIds = List.copyOf(excludedUnitIds);
            reusableUnitIds = List.copyOf(reusableUnitIds);
        }
    }

    /** An answer about an order; {@code order} is its state as answered. */
    public record Answer(Type type, String requestId, Instant at, Order order, String reason) {
        public enum Type { HELD, REJECTED, CONFIRMED, EXPIRED, CANCELLED }
    }
}
