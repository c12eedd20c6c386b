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
public record Order(String orderId, String requestId, OrderStatus status, String sectionId, int quantity, int attempt,
                    Instant placedAt, Instant updatedAt, List<OrderLine> lines, List<String> excludedUnitIds,
                    String currency, String reason, List<Alternative> alternatives, String lastRequestId,
                    String paymentId, Instant retryAt) {

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
        return lines.stream().filter(line -> line.holdId().equals(current))
                .filter(line -> !live || !line.givenBack()).toList();
    }

    public long totalMinor() {
        return items().stream().mapToLong(line -> line.priceMinor() * line.quantity()).sum();
    }

    /** The earliest deadline of the order's holds: past it, the order cannot be confirmed. */
    public Instant holdExpiresAt() {
        return items().stream().map(OrderLine::holdExpiresAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
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
        return items().stream().filter(line -> line.status() == OrderLine.Status.HELD).mapToInt(OrderLine::quantity).sum();
    }

    Order withLines(List<OrderLine> newLines) {
        return new Order(orderId, requestId, status, sectionId, quantity, attempt, placedAt, updatedAt, newLines,
                excludedUnitIds, currency, reason, alternatives, lastRequestId, paymentId, retryAt);
    }

    Order mapLines(UnaryOperator<OrderLine> change) {
        return withLines(lines.stream().map(change).toList());
    }

    Order with(OrderStatus newStatus, Instant at) {
        return new Order(orderId, requestId, newStatus, sectionId, quantity, attempt, placedAt, at, lines, excludedUnitIds,
                currency, reason, alternatives, lastRequestId, paymentId, retryAt);
    }

    Order rejected(String why, List<Alternative> offered, Instant at) {
        return new Order(orderId, requestId, OrderStatus.REJECTED, sectionId, quantity, attempt, placedAt, at, lines,
                excludedUnitIds, currency, why, offered, lastRequestId, paymentId, retryAt);
    }

    /** A refused order that says when its buyer may hold again. */
    Order retryingAt(Instant when) {
        return new Order(orderId, requestId, status, sectionId, quantity, attempt, placedAt, updatedAt, lines, excludedUnitIds,
                currency, reason, alternatives, lastRequestId, paymentId, when);
    }

    Order ended(OrderStatus finalStatus, String why, Instant at) {
        return new Order(orderId, requestId, finalStatus, sectionId, quantity, attempt, placedAt, at, lines, excludedUnitIds,
                currency, why, alternatives, lastRequestId, paymentId, retryAt);
    }

    Order nextAttempt(List<String> excluded, Instant at) {
        return new Order(orderId, requestId, status, sectionId, quantity, attempt + 1, placedAt, at, lines, excluded,
                currency, reason, alternatives, lastRequestId, paymentId, retryAt);
    }

    Order working(OrderStatus newStatus, String requestOfCaller, String payment, Instant at) {
        return new Order(orderId, requestId, newStatus, sectionId, quantity, attempt, placedAt, at, lines, excludedUnitIds,
                currency, reason, alternatives, requestOfCaller, payment, retryAt);
    }
}
