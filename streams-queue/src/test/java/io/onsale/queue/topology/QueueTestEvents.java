package io.onsale.queue.topology;

import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import java.time.Instant;
import java.util.List;

/** Named instants and intent-revealing factories for waiting-room tests. */
final class QueueTestEvents {

    static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant AN_HOUR_BEFORE_OPEN = SALE_OPEN.minusSeconds(3600);
    static final Instant A_MINUTE_AFTER_OPEN = SALE_OPEN.plusSeconds(60);

    private QueueTestEvents() {}

    /** A policy: buyers pass through below {@code threshold} active shoppers, then {@code rate}/s up to {@code target}. */
    static QueuePolicy policy(int threshold, int rate, int target) {
        return QueuePolicy.newBuilder()
                .setActivationThreshold(threshold)
                .setMaxAdmitRatePerSecond(rate)
                .setTargetActiveShoppers(target)
                .setPurchaseWindowMinutes(10)
                .build();
    }

    /** One general-admission zone of 1,000, the sale opening at {@link #SALE_OPEN}. */
    static EventConfig event(String eventId, QueuePolicy policy) {
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName("Queue night")
                .setVenue("Arena")
                .setSaleOpensAt(SALE_OPEN)
                .setSections(List.of(Section.newBuilder()
                        .setSectionId("FLOOR")
                        .setName("Floor")
                        .setKind(SectionKind.GENERAL_ADMISSION)
                        .setPriceTier("GA")
                        .setPriceMinor(4_500)
                        .setSeats(List.of())
                        .setZones(List.of(Zone.newBuilder()
                                .setZoneId("FLOOR-1")
                                .setCapacity(1_000)
                                .build()))
                        .build()))
                .setQueuePolicy(policy)
                .build();
    }

    static QueueCommand join(String eventId, String buyer) {
        return command(eventId, QueueCommandType.JOIN, "join-" + buyer)
                .setBuyerId(buyer)
                .build();
    }

    static QueueCommand rejoin(String eventId, String buyer, String requestId) {
        return command(eventId, QueueCommandType.JOIN, requestId)
                .setBuyerId(buyer)
                .build();
    }

    static QueueCommand leave(String eventId, String buyer) {
        return command(eventId, QueueCommandType.LEAVE, "leave-" + buyer)
                .setBuyerId(buyer)
                .build();
    }

    static QueueCommand changePolicy(String eventId, QueuePolicy policy) {
        return command(eventId, QueueCommandType.CHANGE_POLICY, "policy-" + policy.getMaxAdmitRatePerSecond())
                .setPolicy(policy)
                .build();
    }

    static QueueCommand pause(String eventId, boolean paused) {
        return command(eventId, QueueCommandType.CHANGE_POLICY, "pause-" + paused)
                .setPaused(paused)
                .build();
    }

    static QueueCommand soldOut(String eventId) {
        return command(eventId, QueueCommandType.SOLD_OUT, "sold-out").build();
    }

    static QueueCommand inventoryBack(String eventId) {
        return command(eventId, QueueCommandType.INVENTORY_BACK, "inventory-back")
                .build();
    }

    /** What the order engine publishes when a buyer's order ends, keyed eventId|buyerId. */
    static OrderEvent orderEnded(String eventId, String buyer, OrderEventType type) {
        return OrderEvent.newBuilder()
                .setRequestId("order-req-" + buyer)
                .setType(type)
                .setOrderId("order-" + buyer)
                .setEventId(eventId)
                .setBuyerId(buyer)
                .setDecidedAt(A_MINUTE_AFTER_OPEN)
                .build();
    }

    static QueueCommand checkoutHealth(String eventId, double share, String slowedBecause) {
        return command(eventId, QueueCommandType.CHECKOUT_HEALTH, "health-" + share)
                .setCheckoutShare(share)
                .setSlowedBecause(slowedBecause)
                .build();
    }

    private static QueueCommand.Builder command(String eventId, QueueCommandType type, String requestId) {
        return QueueCommand.newBuilder().setRequestId(requestId).setType(type).setEventId(eventId);
    }
}
