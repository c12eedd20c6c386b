package io.onsale.edge.buyer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.kafka.compat.OrderReasons;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderLine;
import io.onsale.schema.order.OrderLineStatus;
import io.onsale.schema.order.OrderReason;
import io.onsale.schema.order.OrderState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An order as its buyer sees it. Amounts are in minor currency units (cents). Each item names a {@code seatId}
 * or, in general admission, a {@code zoneId}. {@code reason} and {@code alternatives} only appear on orders that
 * did not get their tickets; {@code paymentId} on orders being paid or paid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        String orderId,
        String status,
        String eventId,
        String buyerId,
        List<Item> items,
        Instant expiresAt,
        Money total,
        String reason,
        List<AlternativeView> alternatives,
        String paymentId) {

    private static final Set<io.onsale.schema.order.OrderStatus> LIVE = EnumSet.of(
            io.onsale.schema.order.OrderStatus.PLACING,
            io.onsale.schema.order.OrderStatus.HELD,
            io.onsale.schema.order.OrderStatus.CONFIRMING,
            io.onsale.schema.order.OrderStatus.CONFIRMED);
    private static final Set<OrderLineStatus> GIVEN_BACK =
            EnumSet.of(OrderLineStatus.RELEASING, OrderLineStatus.RELEASED);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String sectionId, String seatId, String zoneId, int quantity, long priceMinor) {}

    public record Money(long amountMinor, String currency) {}

    /** An offer to a buyer who lost: specific seats (or a zone), or with none named, {@code quantity} best-available. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlternativeView(
            String sectionId, List<String> seatIds, List<String> zoneIds, int quantity, Money price) {}

    /** The answer to a command, as decided. */
    public static OrderView of(OrderEvent answer, EventIndex event) {
        List<Item> items =
                answer.getItems().stream().map(item -> item(event, item)).toList();
        String status = answer.getType().name();
        boolean failed = !"HELD".equals(status) && !"CONFIRMED".equals(status) && !"CANCELLED".equals(status);
        return new OrderView(
                answer.getOrderId(),
                status,
                answer.getEventId(),
                answer.getBuyerId(),
                items,
                answer.getHoldExpiresAt(),
                new Money(answer.getTotalMinor(), answer.getCurrency()),
                failed ? nameOf(OrderReasons.of(answer)) : null,
                failed ? alternatives(event, answer.getAlternatives(), answer.getCurrency()) : null,
                "CONFIRMED".equals(status) ? answer.getPaymentId() : null);
    }

    /** The order as the engine's books have it now; empty when this buyer has no such order. */
    static Optional<OrderView> of(BuyerOrders books, String orderId, EventIndex event) {
        if (books == null) {
            return Optional.empty();
        }
        return books.getOrders().stream()
                .filter(order -> order.getOrderId().equals(orderId))
                .findFirst()
                .map(order -> of(books, order, event));
    }

    private static OrderView of(BuyerOrders books, OrderState order, EventIndex event) {
        String status = order.getStatus().name();
        // Lines of earlier attempts (best-available retries) are the engine's bookkeeping, not the buyer's tickets;
        // a refused order got nothing, whatever it briefly held; a live order does not own what it gave back (the
        // engine's Order.items()).
        String currentHold = order.getOrderId() + "~" + order.getAttempt();
        boolean gotTickets = !"REJECTED".equals(status);
        boolean live = LIVE.contains(order.getStatus());
        List<OrderLine> lines = gotTickets
                ? order.getLines().stream()
                        .filter(line -> currentHold.equals(line.getHoldId()))
                        .filter(line -> line.getStatus() != OrderLineStatus.REJECTED)
                        .filter(line -> !live || !GIVEN_BACK.contains(line.getStatus()))
                        .toList()
                : List.of();
        List<Item> items = lines.stream()
                .map(line ->
                        item(event, line.getSectionId(), line.getUnitId(), line.getQuantity(), line.getPriceMinor()))
                .toList();
        long total = lines.stream()
                .mapToLong(line -> line.getPriceMinor() * line.getQuantity())
                .sum();
        boolean holding = "HELD".equals(status) || "CONFIRMING".equals(status);
        Instant expiresAt = holding
                ? lines.stream()
                        .map(OrderLine::getHoldExpiresAt)
                        .filter(Objects::nonNull)
                        .min(Instant::compareTo)
                        .orElse(null)
                : null;
        boolean failed = "REJECTED".equals(status) || "EXPIRED".equals(status);
        return new OrderView(
                order.getOrderId(),
                status,
                books.getEventId(),
                books.getBuyerId(),
                items,
                expiresAt,
                new Money(total, order.getCurrency()),
                failed ? nameOf(OrderReasons.of(order)) : null,
                failed ? alternatives(event, order.getAlternatives(), order.getCurrency()) : null,
                order.getPaymentId());
    }

    public OrderView paidWith(String payment) {
        return new OrderView(orderId, status, eventId, buyerId, items, expiresAt, total, reason, alternatives, payment);
    }

    static List<AlternativeView> alternatives(
            EventIndex event, List<io.onsale.schema.order.Alternative> offered, String currency) {
        return offered.stream()
                .map(alternative -> {
                    boolean zones = event != null
                            && event.section(alternative.getSectionId())
                                    .map(section ->
                                            section.getKind() == io.onsale.schema.config.SectionKind.GENERAL_ADMISSION)
                                    .orElse(false);
                    List<String> unitIds = List.copyOf(alternative.getUnitIds());
                    return new AlternativeView(
                            alternative.getSectionId(),
                            zones ? null : unitIds,
                            zones ? unitIds : null,
                            alternative.getQuantity(),
                            new Money(alternative.getPriceMinor(), currency));
                })
                .toList();
    }

    private static Item item(EventIndex event, OrderItem item) {
        return item(event, item.getSectionId(), item.getUnitId(), item.getQuantity(), item.getPriceMinor());
    }

    private static Item item(EventIndex event, String sectionId, String unitId, int quantity, long priceMinor) {
        boolean zone =
                event != null && event.unit(unitId).map(unit -> !unit.isSeat()).orElse(false);
        return new Item(sectionId, zone ? null : unitId, zone ? unitId : null, quantity, priceMinor);
    }

    private static String nameOf(OrderReason reason) {
        return reason == null ? null : reason.name();
    }
}
