package io.onsale.connect.testing;

import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueuePlaceStatus;
import io.onsale.schema.queue.QueueProgress;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Named factories for the decision records a sale writes, as the engine, the waiting room and the edge write them:
 * one method per decision, the time it was taken as an argument.
 */
public final class SaleRecords {

    public static final Instant SALE_OPEN = Instant.parse("2026-12-04T18:00:00Z");

    private SaleRecords() {}

    /** An event with one reserved section of {@code seatsInA} seats ("A-1", "A-2", ...) and one GA zone. */
    public static EventConfig event(String eventId, int seatsInA, int floorCapacity) {
        List<Seat> seats = IntStream.rangeClosed(1, seatsInA)
                .mapToObj(n -> Seat.newBuilder()
                        .setSeatId("A-" + n)
                        .setRow("1")
                        .setNumber(n)
                        .build())
                .toList();
        return EventConfig.newBuilder()
                .setEventId(eventId)
                .setName("Show " + eventId)
                .setVenue("Hall")
                .setSaleOpensAt(SALE_OPEN)
                .setSections(List.of(
                        Section.newBuilder()
                                .setSectionId("A")
                                .setName("Stalls A")
                                .setKind(SectionKind.RESERVED)
                                .setPriceTier("T1")
                                .setPriceMinor(5000)
                                .setSeats(seats)
                                .build(),
                        Section.newBuilder()
                                .setSectionId("FLOOR")
                                .setName("Floor")
                                .setKind(SectionKind.GENERAL_ADMISSION)
                                .setPriceTier("T2")
                                .setPriceMinor(3000)
                                .setZones(List.of(Zone.newBuilder()
                                        .setZoneId("FLOOR-1")
                                        .setCapacity(floorCapacity)
                                        .build()))
                                .build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }

    public static QueueEvent joined(String eventId, String buyerId, long position, Instant at) {
        return QueueEvent.newBuilder()
                .setType(QueueEventType.JOINED)
                .setEventId(eventId)
                .setDecidedAt(at)
                .setRequestId("join-" + buyerId)
                .setBuyerId(buyerId)
                .setStatus(QueuePlaceStatus.WAITING)
                .setPosition(position)
                .build();
    }

    public static QueueEvent admitted(String eventId, long fromPosition, long toPosition, Instant at) {
        return QueueEvent.newBuilder()
                .setType(QueueEventType.ADMITTED)
                .setEventId(eventId)
                .setDecidedAt(at)
                .setFromPosition(fromPosition)
                .setToPosition(toPosition)
                .setAdmitted(toPosition - fromPosition + 1)
                .setAdmittedAt(at)
                .setWindowEndsAt(at.plusSeconds(600))
                .setServingCounter(toPosition)
                .build();
    }

    public static QueueEvent policyChanged(String eventId, QueuePolicy policy, Instant at) {
        return QueueEvent.newBuilder()
                .setType(QueueEventType.POLICY_CHANGED)
                .setEventId(eventId)
                .setDecidedAt(at)
                .setRequestId("policy-" + at.toEpochMilli())
                .setPolicy(policy)
                .setPaused(false)
                .build();
    }

    public static QueueProgress progress(String eventId, long servingCounter, long lastPosition, Instant at) {
        return QueueProgress.newBuilder()
                .setEventId(eventId)
                .setServingCounter(servingCounter)
                .setLastPosition(lastPosition)
                .setWaiting(lastPosition - servingCounter)
                .setMode(QueueMode.QUEUING)
                .setUpdatedAt(at)
                .setAdmittedTotal(servingCounter)
                .build();
    }

    /** HELD answer for seats of section A (or one FLOOR line when {@code unitIds} is "FLOOR-1"). */
    public static OrderEvent held(
            String eventId,
            String buyerId,
            String orderId,
            String sectionId,
            List<String> unitIds,
            long priceMinor,
            Instant at) {
        List<OrderItem> items = new ArrayList<>();
        unitIds.forEach(unit -> items.add(OrderItem.newBuilder()
                .setSectionId(sectionId)
                .setUnitId(unit)
                .setPriceMinor(priceMinor)
                .build()));
        return OrderEvent.newBuilder()
                .setType(OrderEventType.HELD)
                .setRequestId("req-" + orderId)
                .setOrderId(orderId)
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .setDecidedAt(at)
                .setItems(items)
                .setHoldExpiresAt(at.plusSeconds(600))
                .setTotalMinor(priceMinor * unitIds.size())
                .build();
    }

    public static OrderEvent answered(OrderEvent held, OrderEventType type, Instant at) {
        return OrderEvent.newBuilder(held)
                .setType(type)
                .setRequestId(type + "-" + held.getOrderId())
                .setDecidedAt(at)
                .setHoldExpiresAt(null)
                .build();
    }

    public static OrderEvent rejected(String eventId, String buyerId, String orderId, String reason, Instant at) {
        return OrderEvent.newBuilder()
                .setType(OrderEventType.REJECTED)
                .setRequestId("req-" + orderId)
                .setOrderId(orderId)
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .setDecidedAt(at)
                .setReason(reason)
                .build();
    }

    public static ReservationEvent unitDecision(
            ReservationEventType type,
            String eventId,
            String sectionId,
            String unitId,
            String buyerId,
            String orderId,
            int quantity,
            int available,
            Instant at) {
        return ReservationEvent.newBuilder()
                .setType(type)
                .setRequestId(type + "-" + orderId + "-" + unitId)
                .setEventId(eventId)
                .setSectionId(sectionId)
                .setUnitId(unitId)
                .setDecidedAt(at)
                .setBuyerId(buyerId)
                .setOrderId(orderId)
                .setHoldId("hold-" + orderId)
                .setQuantity(quantity)
                .setAvailable(available)
                .setPriceMinor(5000)
                .build();
    }

    public static ReservationEvent unitRejected(
            String eventId, String sectionId, String unitId, String buyerId, String orderId, Instant at) {
        return ReservationEvent.newBuilder(unitDecision(
                        ReservationEventType.REJECTED, eventId, sectionId, unitId, buyerId, orderId, 1, 0, at))
                .setReason(RejectReason.SEAT_TAKEN)
                .setHoldId(null)
                .build();
    }

    public static PaymentEvent payment(
            String orderId, String buyerId, PaymentStatus status, long amountMinor, Instant at) {
        return PaymentEvent.newBuilder()
                .setPaymentId("pay-" + orderId)
                .setOrderId(orderId)
                .setBuyerId(buyerId)
                .setStatus(status)
                .setAmountMinor(amountMinor)
                .setOccurredAt(at)
                .setAuthorizationId(status == PaymentStatus.FAILED ? null : "auth-" + orderId)
                .setReason(status == PaymentStatus.FAILED ? "DECLINED" : null)
                .build();
    }
}
