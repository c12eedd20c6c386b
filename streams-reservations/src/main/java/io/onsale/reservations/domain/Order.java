package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One buyer's order: specific units, or {@code quantity} tickets the section picks ({@code sectionId} set).
 * Lines of earlier attempts stay until their holds are given back. {@code retryAt}: a refused order, when its buyer may
 * hold again, if the refusal could tell (RELEASE_LIMIT, RELEASE_COOLDOWN; ADR 0018). Immutable.
 */
public record Order(
        String orderId,
        String requestId,
        OrderStatus status,
        String sectionId,
        int quantity,
        int attempt,
        Instant placedAt,
        Instant updatedAt,
        List<OrderLine> lines,
        List<String> excludedUnitIds,
        String currency,
        OrderReason reason,
        List<Alternative> alternatives,
        String lastRequestId,
        String paymentId,
        Instant retryAt) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        excludedUnitIds = List.copyOf(excludedUnitIds);
        alternatives = List.copyOf(alternatives);
    }

    /** Hold id of the current attempt. Each attempt holds under its own id, so late answers to an old one are told apart. */
    public String holdId() {
        return holdIdOf(orderId, attempt);
    }

    public static String holdIdOf(String orderId, int attempt) {
        return orderId + "~" + attempt;
    }

    public boolean picksForBuyer() {
        return sectionId != null;
    }

    /**
     * The lines of the current attempt: what the buyer gets. While the order lives, a line it gave back (a unit taken
     * for it twice, by its section and by its books, and returned at once) is bookkeeping, not the buyer's: it is
     * neither shown, nor paid for, nor asked to confirm. An ended order keeps showing what it had.
     */
    public List<OrderLine> items() {
        String current = holdId();
        boolean live = status.isLive();
        return lines.stream()
                .filter(line -> line.holdId().equals(current))
                .filter(line -> !live || !line.givenBack())
                .toList();
    }

    public long totalMinor() {
        return items().stream()
                .mapToLong(line -> line.priceMinor() * line.quantity())
                .sum();
    }

    /** The earliest deadline of the order's holds: past it, the order cannot be confirmed. */
    public Instant holdExpiresAt() {
        return items().stream()
                .map(OrderLine::holdExpiresAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    /**
     * Ended without tickets, and no unit holds, sells or still owes an answer for any of its lines: nothing can happen to
     * it any more but a retry of its request, answered as it was decided.
     */
    public boolean isSettled() {
        return status.isFinal() && !status.isLive() && lines.stream().allMatch(OrderLine::isSettled);
    }

    int heldQuantity() {
        return items().stream()
                .filter(line -> line.status() == OrderLine.Status.HELD)
                .mapToInt(OrderLine::quantity)
                .sum();
    }

    Order withLines(List<OrderLine> newLines) {
        return toBuilder().lines(newLines).build();
    }

    Order mapLines(UnaryOperator<OrderLine> change) {
        return withLines(lines.stream().map(change).toList());
    }

    Order with(OrderStatus newStatus, Instant at) {
        return toBuilder().status(newStatus).updatedAt(at).build();
    }

    Order rejected(OrderReason why, List<Alternative> offered, Instant at) {
        return toBuilder()
                .status(OrderStatus.REJECTED)
                .updatedAt(at)
                .reason(why)
                .alternatives(offered)
                .build();
    }

    /** A refused order that says when its buyer may hold again. */
    Order retryingAt(Instant when) {
        return toBuilder().retryAt(when).build();
    }

    Order ended(OrderStatus finalStatus, OrderReason why, Instant at) {
        return toBuilder().status(finalStatus).updatedAt(at).reason(why).build();
    }

    Order nextAttempt(List<String> excluded, Instant at) {
        return toBuilder()
                .attempt(attempt + 1)
                .updatedAt(at)
                .excludedUnitIds(excluded)
                .build();
    }

    Order working(OrderStatus newStatus, String requestOfCaller, String payment, Instant at) {
        return toBuilder()
                .status(newStatus)
                .updatedAt(at)
                .lastRequestId(requestOfCaller)
                .paymentId(payment)
                .build();
    }

    /**
     * A new order of request {@code requestId}, placed and last changed {@code at}: its first attempt, with no lines,
     * exclusions, alternatives, reason, payment or retry time until the caller sets them.
     */
    public static Builder builder(String orderId, String requestId, OrderStatus status, Instant at) {
        return new Builder(orderId, requestId, status, at);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(orderId, requestId, status, placedAt);
        builder.sectionId = sectionId;
        builder.quantity = quantity;
        builder.attempt = attempt;
        builder.updatedAt = updatedAt;
        builder.lines = lines;
        builder.excludedUnitIds = excludedUnitIds;
        builder.currency = currency;
        builder.reason = reason;
        builder.alternatives = alternatives;
        builder.lastRequestId = lastRequestId;
        builder.paymentId = paymentId;
        builder.retryAt = retryAt;
        return builder;
    }

    /** Names what it sets, where the canonical constructor takes sixteen values by position. */
    public static final class Builder {
        private final String orderId;
        private final String requestId;
        private final Instant placedAt;
        private OrderStatus status;
        private String sectionId;
        private int quantity;
        private int attempt = 1;
        private Instant updatedAt;
        private List<OrderLine> lines = List.of();
        private List<String> excludedUnitIds = List.of();
        private String currency;
        private OrderReason reason;
        private List<Alternative> alternatives = List.of();
        private String lastRequestId;
        private String paymentId;
        private Instant retryAt;

        private Builder(String orderId, String requestId, OrderStatus status, Instant placedAt) {
            this.orderId = orderId;
            this.requestId = requestId;
            this.status = status;
            this.placedAt = placedAt;
            this.updatedAt = placedAt;
        }

        public Builder status(OrderStatus status) {
            this.status = status;
            return this;
        }

        /** The section to pick {@code quantity} tickets in for the buyer; {@code null} when the order names its units. */
        public Builder sectionId(String sectionId) {
            this.sectionId = sectionId;
            return this;
        }

        public Builder quantity(int quantity) {
            this.quantity = quantity;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder lines(List<OrderLine> lines) {
            this.lines = lines;
            return this;
        }

        public Builder excludedUnitIds(List<String> excludedUnitIds) {
            this.excludedUnitIds = excludedUnitIds;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder reason(OrderReason reason) {
            this.reason = reason;
            return this;
        }

        public Builder alternatives(List<Alternative> alternatives) {
            this.alternatives = alternatives;
            return this;
        }

        public Builder lastRequestId(String lastRequestId) {
            this.lastRequestId = lastRequestId;
            return this;
        }

        public Builder paymentId(String paymentId) {
            this.paymentId = paymentId;
            return this;
        }

        public Builder retryAt(Instant retryAt) {
            this.retryAt = retryAt;
            return this;
        }

        public Order build() {
            return new Order(
                    orderId,
                    requestId,
                    status,
                    sectionId,
                    quantity,
                    attempt,
                    placedAt,
                    updatedAt,
                    lines,
                    excludedUnitIds,
                    currency,
                    reason,
                    alternatives,
                    lastRequestId,
                    paymentId,
                    retryAt);
        }
    }
}
