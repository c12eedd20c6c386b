package io.onsale.reservations.topology;

import io.onsale.kafka.compat.OrderReasons;
import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.domain.Alternative;
import io.onsale.reservations.domain.Order;
import io.onsale.reservations.domain.OrderDecision;
import io.onsale.reservations.domain.OrderInput;
import io.onsale.reservations.domain.OrderLine;
import io.onsale.reservations.domain.OrderReason;
import io.onsale.reservations.domain.OrderStatus;
import io.onsale.reservations.domain.RejectionReason;
import io.onsale.reservations.domain.SectionDesk;
import io.onsale.reservations.domain.UnitEvent;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderLineStatus;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.order.OrderUpdate;
import io.onsale.schema.order.OrderUpdateType;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.ReservationEventType;
import io.onsale.schema.reservation.SectionCommand;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Translates between the order processor's wire records and the plain-Java order domain. */
final class OrderMapping {

    private OrderMapping() {}

    static String orderKey(String eventId, String buyerId) {
        return PartitionKeys.order(eventId, buyerId);
    }

    /**
     * The key of an ended order in {@code finished-orders}: under its buyer's key, so an order id named by another buyer
     * (a confirm or cancel of someone else's order) finds nothing, and on its buyer's partition, as the store's task.
     */
    static String finishedOrderKey(String eventId, String buyerId, String orderId) {
        return PartitionKeys.under(orderKey(eventId, buyerId)) + orderId;
    }

    // ---- unit decisions on their way to the order

    static OrderUpdate unitDecided(UnitKey key, UnitEvent event, long priceMinor, String currency) {
        return OrderUpdate.newBuilder()
                .setRequestId(event.requestId())
                .setType(OrderUpdateType.UNIT_DECIDED)
                .setOrderId(event.orderId())
                .setEventId(key.eventId())
                .setBuyerId(event.buyerId())
                .setDecidedAt(event.decidedAt())
                .setSectionId(key.sectionId())
                .setUnitId(key.unitId())
                .setHoldId(event.holdId())
                .setDecision(ReservationEventType.valueOf(event.type().name()))
                .setReason(
                        event.reason() == null
                                ? null
                                : RejectReason.valueOf(event.reason().name()))
                .setQuantity(event.quantity())
                .setHoldExpiresAt(event.holdExpiresAt())
                .setPriceMinor(priceMinor)
                .setCurrency(currency)
                .build();
    }

    static OrderUpdate allocationFailed(
            SectionCommand allocate, RejectionReason reason, List<Alternative> alternatives) {
        return OrderUpdate.newBuilder()
                .setRequestId(allocate.getRequestId())
                .setType(OrderUpdateType.ALLOCATION_FAILED)
                .setOrderId(allocate.getOrderId())
                .setEventId(allocate.getEventId())
                .setBuyerId(allocate.getBuyerId())
                .setDecidedAt(allocate.getDecidedAt())
                .setSectionId(allocate.getSectionId())
                .setHoldId(allocate.getHoldId())
                .setReason(RejectReason.valueOf(reason.name()))
                .setQuantity(allocate.getQuantity())
                .setAlternatives(alternatives.stream().map(OrderMapping::toWire).toList())
                .build();
    }

    /**
     * What {@code placed-orders} keeps for an order handed undecided to its books ({@code toBooks}): not an answer
     * (type UNKNOWN, never given to a buyer), only the mark that the order, and every retry of it, is the books'.
     */
    static OrderEvent handedToBooks(OrderCommand place, Instant at) {
        return OrderEvent.newBuilder()
                .setRequestId(place.getRequestId())
                .setType(OrderEventType.UNKNOWN)
                .setOrderId(place.getOrderId())
                .setEventId(place.getEventId())
                .setBuyerId(place.getBuyerId())
                .setDecidedAt(at)
                .build();
    }

    static boolean isHandedToBooks(OrderEvent known) {
        return known.getType() == OrderEventType.UNKNOWN;
    }

    /** A unit of an order decided where its section lives, for the buyer's books (ADR 0009). */
    static OrderUpdate placed(UnitKey key, UnitEvent held, Order order, long priceMinor) {
        return OrderUpdate.newBuilder()
                .setRequestId(order.requestId())
                .setType(OrderUpdateType.PLACED)
                .setOrderId(order.orderId())
                .setEventId(key.eventId())
                .setBuyerId(held.buyerId())
                .setDecidedAt(held.decidedAt())
                .setSectionId(key.sectionId())
                .setUnitId(key.unitId())
                .setHoldId(held.holdId())
                .setDecision(ReservationEventType.HELD)
                .setQuantity(held.quantity())
                .setOrderQuantity(order.quantity())
                .setHoldExpiresAt(held.holdExpiresAt())
                .setPriceMinor(priceMinor)
                .setCurrency(order.currency())
                .build();
    }

    /** An order its section refused, for the buyer's books. */
    static OrderUpdate placementRefused(OrderCommand command, String sectionId, Order refused, Instant at) {
        return OrderUpdate.newBuilder()
                .setRequestId(command.getRequestId())
                .setType(OrderUpdateType.PLACED)
                .setOrderId(command.getOrderId())
                .setEventId(command.getEventId())
                .setBuyerId(command.getBuyerId())
                .setDecidedAt(at)
                .setSectionId(sectionId)
                .setHoldId(refused.holdId())
                .setDecision(ReservationEventType.REJECTED)
                // A section refuses for its units' reasons only.
                .setReason(RejectReason.valueOf(refused.reason().name()))
                .setQuantity(refused.quantity())
                .setOrderQuantity(refused.quantity())
                .setCurrency(refused.currency())
                .setAlternatives(refused.alternatives().stream()
                        .map(OrderMapping::toWire)
                        .toList())
                .build();
    }

    /** The section an order for one section is about: its {@code sectionId}, or the section of its named units. */
    static String sectionOf(OrderCommand command) {
        if (command.getSectionId() != null) {
            return command.getSectionId();
        }
        if (command.getUnits().isEmpty()) {
            throw new IllegalArgumentException("order " + command.getRequestId() + " names no section and no units");
        }
        String section = command.getUnits().get(0).getSectionId();
        if (command.getUnits().stream().anyMatch(unit -> !unit.getSectionId().equals(section))) {
            throw new IllegalArgumentException("order " + command.getRequestId()
                    + " names units of several sections; it belongs on order-requests");
        }
        return section;
    }

    static SectionDesk.Request toDeskRequest(OrderCommand command, String sectionId, Instant at) {
        List<OrderInput.UnitRef> units = command.getUnits().stream()
                .map((OrderUnit unit) ->
                        new OrderInput.UnitRef(unit.getSectionId(), unit.getUnitId(), unit.getQuantity()))
                .toList();
        return new SectionDesk.Request(
                command.getRequestId(),
                at,
                command.getOrderId(),
                command.getBuyerId(),
                sectionId,
                units,
                command.getQuantity());
    }

    // ---- inputs

    /**
     * @param sectionOfSeat finds the section of a seat named only by id (older clients); {@code null} when unknown
     * @throws IllegalArgumentException for a command that lacks what its type needs (it goes to the dead-letter topic)
     */
    static OrderInput toInput(OrderCommand command, Instant at, Function<String, String> sectionOfSeat) {
        return switch (command.getType()) {
            case PLACE ->
                new OrderInput.Place(
                        command.getRequestId(),
                        at,
                        command.getOrderId(),
                        units(command, sectionOfSeat),
                        command.getSectionId(),
                        command.getQuantity());
            case CONFIRM ->
                new OrderInput.Confirm(command.getRequestId(), at, command.getOrderId(), command.getPaymentId());
            case CANCEL -> new OrderInput.Cancel(command.getRequestId(), at, command.getOrderId());
            case UNKNOWN ->
                throw new IllegalArgumentException(
                        "order command " + command.getRequestId() + " has a type this version does not know");
        };
    }

    private static List<OrderInput.UnitRef> units(OrderCommand command, Function<String, String> sectionOfSeat) {
        if (!command.getUnits().isEmpty()) {
            return command.getUnits().stream()
                    .map((OrderUnit unit) ->
                            new OrderInput.UnitRef(unit.getSectionId(), unit.getUnitId(), unit.getQuantity()))
                    .toList();
        }
        return command.getSeatIds().stream()
                .map(seatId -> {
                    String section = sectionOfSeat.apply(seatId);
                    // A seat the catalogue does not know is still asked for: its unit refuses it as UNKNOWN_UNIT.
                    return new OrderInput.UnitRef(section == null ? "-" : section, seatId, 1);
                })
                .toList();
    }

    static OrderInput toInput(OrderUpdate update, Instant at) {
        List<Alternative> alternatives =
                update.getAlternatives().stream().map(OrderMapping::fromWire).toList();
        RejectionReason reason = update.getReason() == null || update.getReason() == RejectReason.UNKNOWN
                ? null
                : RejectionReason.valueOf(update.getReason().name());
        return switch (update.getType()) {
            case UNIT_DECIDED ->
                new OrderInput.UnitDecided(
                        update.getRequestId(),
                        at,
                        update.getOrderId(),
                        update.getHoldId(),
                        update.getSectionId(),
                        update.getUnitId(),
                        decision(update),
                        reason,
                        update.getQuantity(),
                        update.getHoldExpiresAt(),
                        update.getPriceMinor(),
                        alternatives);
            case PLACED ->
                new OrderInput.Placed(
                        update.getRequestId(),
                        at,
                        update.getOrderId(),
                        update.getHoldId(),
                        update.getSectionId(),
                        update.getUnitId(),
                        decision(update),
                        reason,
                        update.getQuantity(),
                        update.getOrderQuantity(),
                        update.getHoldExpiresAt(),
                        update.getPriceMinor(),
                        update.getCurrency(),
                        alternatives);
            case ALLOCATION_FAILED ->
                new OrderInput.AllocationFailed(
                        update.getRequestId(),
                        at,
                        update.getOrderId(),
                        update.getHoldId(),
                        reason == null ? RejectionReason.SOLD_OUT : reason,
                        alternatives);
            case UNKNOWN ->
                throw new IllegalArgumentException(
                        "order update " + update.getRequestId() + " has a type this version does not know");
        };
    }

    private static UnitEvent.Type decision(OrderUpdate update) {
        if (update.getDecision() == null || update.getDecision() == ReservationEventType.UNKNOWN) {
            throw new IllegalArgumentException("order update " + update.getRequestId() + " lacks a decision");
        }
        return UnitEvent.Type.valueOf(update.getDecision().name());
    }

    // ---- outputs

    static ReservationCommand unitCommand(
            String eventId, String buyerId, String orderId, OrderDecision.UnitRequest request) {
        return ReservationCommand.newBuilder()
                .setRequestId(request.requestId())
                .setType(ReservationCommandType.valueOf(request.type().name()))
                .setEventId(eventId)
                .setSectionId(request.sectionId())
                .setUnitId(request.unitId())
                .setHoldId(request.holdId())
                .setBuyerId(buyerId)
                .setOrderId(orderId)
                .setQuantity(request.quantity())
                .setOrderQuantity(request.orderQuantity())
                .setGivenUp(request.givenUp())
                .build();
    }

    static SectionCommand allocate(
            String eventId, String buyerId, OrderDecision.AllocationRequest request, Instant at) {
        return SectionCommand.newBuilder()
                .setRequestId(request.requestId())
                .setType(io.onsale.schema.reservation.SectionCommandType.ALLOCATE)
                .setEventId(eventId)
                .setSectionId(request.sectionId())
                .setDecidedAt(at)
                .setOrderId(request.orderId())
                .setBuyerId(buyerId)
                .setHoldId(request.holdId())
                .setQuantity(request.quantity())
                .setOrderQuantity(request.quantity())
                .setExcludedUnitIds(request.excludedUnitIds())
                .setReusableUnitIds(request.reusableUnitIds())
                .build();
    }

    static OrderEvent toEvent(String eventId, String buyerId, OrderDecision.Answer answer) {
        Order order = answer.order();
        // A refused order got nothing: its lines are only the books of what was given back.
        boolean showsItems = answer.type() != OrderDecision.Answer.Type.REJECTED;
        return OrderEvent.newBuilder()
                .setRequestId(answer.requestId())
                .setType(OrderEventType.valueOf(answer.type().name()))
                .setOrderId(order.orderId())
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .setDecidedAt(answer.at())
                .setItems(
                        showsItems
                                ? order.items().stream()
                                        .map(line -> OrderItem.newBuilder()
                                                .setSectionId(line.sectionId())
                                                .setUnitId(line.unitId())
                                                .setQuantity(line.quantity())
                                                .setPriceMinor(line.priceMinor())
                                                .build())
                                        .toList()
                                : List.of())
                .setHoldExpiresAt(answer.type() == OrderDecision.Answer.Type.HELD ? order.holdExpiresAt() : null)
                .setTotalMinor(order.totalMinor())
                .setCurrency(order.currency())
                .setReason(answer.reason() == null ? null : answer.reason().name())
                .setReasonCode(toWire(answer.reason()))
                .setAlternatives(
                        answer.type() == OrderDecision.Answer.Type.REJECTED
                                ? order.alternatives().stream()
                                        .map(OrderMapping::toWire)
                                        .toList()
                                : List.of())
                // When a buyer refused for giving holds up may hold again (ADR 0018): the edge's Retry-After.
                .setRetryAt(answer.type() == OrderDecision.Answer.Type.REJECTED ? order.retryAt() : null)
                // Which payment confirmed (or is confirming) the order: the edge captures only when it is its own, so
                // one order is captured once however many payments raced for it.
                .setPaymentId(order.paymentId())
                .build();
    }

    // ---- state

    static List<Order> toOrders(BuyerOrders stored) {
        if (stored == null) {
            return List.of();
        }
        return stored.getOrders().stream().map(OrderMapping::toOrder).toList();
    }

    static BuyerOrders fromOrders(String eventId, String buyerId, List<Order> orders) {
        return fromOrders(eventId, buyerId, orders, List.of());
    }

    /** @param releases when the buyer's last held orders ended cancelled or expired (ADR 0018) */
    static BuyerOrders fromOrders(String eventId, String buyerId, List<Order> orders, List<Instant> releases) {
        return BuyerOrders.newBuilder()
                .setEventId(eventId)
                .setBuyerId(buyerId)
                .setOrders(orders.stream().map(OrderMapping::fromOrder).toList())
                .setReleases(releases)
                .build();
    }

    static List<Instant> releasesOf(BuyerOrders stored) {
        return stored == null ? List.of() : stored.getReleases();
    }

    private static Order toOrder(OrderState state) {
        return Order.builder(
                        state.getOrderId(),
                        state.getRequestId(),
                        OrderStatus.valueOf(state.getStatus().name()),
                        state.getPlacedAt())
                .sectionId(state.getSectionId())
                .quantity(state.getQuantity())
                .attempt(state.getAttempt())
                .updatedAt(state.getUpdatedAt())
                .lines(state.getLines().stream()
                        .map(line -> new OrderLine(
                                line.getSectionId(),
                                line.getUnitId(),
                                line.getHoldId(),
                                line.getQuantity(),
                                OrderLine.Status.valueOf(line.getStatus().name()),
                                line.getPriceMinor(),
                                line.getHoldExpiresAt()))
                        .toList())
                .excludedUnitIds(state.getExcludedUnitIds())
                .currency(state.getCurrency())
                .reason(fromWire(OrderReasons.of(state)))
                .alternatives(state.getAlternatives().stream()
                        .map(OrderMapping::fromWire)
                        .toList())
                .lastRequestId(state.getLastRequestId())
                .paymentId(state.getPaymentId())
                .retryAt(state.getRetryAt())
                .build();
    }

    private static OrderState fromOrder(Order order) {
        return OrderState.newBuilder()
                .setOrderId(order.orderId())
                .setRequestId(order.requestId())
                .setStatus(io.onsale.schema.order.OrderStatus.valueOf(
                        order.status().name()))
                .setSectionId(order.sectionId())
                .setQuantity(order.quantity())
                .setAttempt(order.attempt())
                .setPlacedAt(order.placedAt())
                .setUpdatedAt(order.updatedAt())
                .setLines(order.lines().stream()
                        .map(line -> io.onsale.schema.order.OrderLine.newBuilder()
                                .setSectionId(line.sectionId())
                                .setUnitId(line.unitId())
                                .setHoldId(line.holdId())
                                .setQuantity(line.quantity())
                                .setStatus(OrderLineStatus.valueOf(line.status().name()))
                                .setPriceMinor(line.priceMinor())
                                .setHoldExpiresAt(line.holdExpiresAt())
                                .build())
                        .toList())
                .setExcludedUnitIds(order.excludedUnitIds())
                .setCurrency(order.currency())
                .setReason(order.reason() == null ? null : order.reason().name())
                .setReasonCode(toWire(order.reason()))
                .setAlternatives(
                        order.alternatives().stream().map(OrderMapping::toWire).toList())
                .setLastRequestId(order.lastRequestId())
                .setPaymentId(order.paymentId())
                .setRetryAt(order.retryAt())
                .build();
    }

    static io.onsale.schema.order.OrderReason toWire(OrderReason reason) {
        return reason == null ? null : io.onsale.schema.order.OrderReason.valueOf(reason.name());
    }

    static OrderReason fromWire(io.onsale.schema.order.OrderReason reason) {
        return reason == null ? null : OrderReason.valueOf(reason.name());
    }

    static io.onsale.schema.order.Alternative toWire(Alternative alternative) {
        return io.onsale.schema.order.Alternative.newBuilder()
                .setSectionId(alternative.sectionId())
                .setUnitIds(alternative.unitIds())
                .setQuantity(alternative.quantity())
                .setPriceMinor(alternative.priceMinor())
                .build();
    }

    static Alternative fromWire(io.onsale.schema.order.Alternative alternative) {
        return new Alternative(
                alternative.getSectionId(),
                alternative.getUnitIds(),
                alternative.getQuantity(),
                alternative.getPriceMinor());
    }
}
