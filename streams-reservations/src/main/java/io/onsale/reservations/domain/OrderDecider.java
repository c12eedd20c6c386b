package io.onsale.reservations.domain;

import io.onsale.reservations.domain.OrderDecision.AllocationRequest;
import io.onsale.reservations.domain.OrderDecision.Answer;
import io.onsale.reservations.domain.OrderDecision.UnitRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides everything that happens to one buyer's orders for one event. Pure: the buyer's orders, the event's
 * rules and the input in, the next orders and their effects out.
 *
 * <p>All-or-nothing: an order is HELD only when every one of its units is; the first refusal rejects it
 * and gives back whatever was already held, and a hold that arrives for an order that no longer wants it
 * is given back too. The units stay the authority on every seat; this class only keeps books.
 *
 * <p>The books also remember when the buyer's last few held orders ended cancelled or expired, and refuse new orders
 * {@code RELEASE_LIMIT} while {@link ReleasePolicy#RELEASE_LIMIT} of them fall within {@link ReleasePolicy#RELEASE_WINDOW}
 * (ADR 0018): before the order where the books decide it, after the hold (given back at once) where its section did,
 * as the ticket limit is.
 */
public final class OrderDecider {

    /** A best-available order that loses a race for a picked seat asks its section again, this many times in all. */
    public static final int MAX_ATTEMPTS = 3;

    /** Finished orders are kept this long, so retries of the same request get the same answer. */
    public static final Duration KEEP_FINISHED = Duration.ofHours(24);

    /**
     * Ended orders (refused, cancelled, expired) a buyer's record keeps, the most recent ones (ADR 0015). The record is
     * one changelog message, rewritten on every decision: without a bound, distinct Idempotency-Keys at the allowed rate
     * grow it toward the changelog's message size limit, and a write over it stops the engine. 32 is more than a buyer
     * makes by hand in a sale (the simulator's buyers place at most 23: 20 tries before the opening and 3 orders), so an
     * honest buyer never has one leave the record; older ones leave it in {@link OrderDecision#archived()}, to be kept
     * by order id for the rest of {@link #KEEP_FINISHED}, so a retry of one is still answered as it was decided. Live
     * orders (confirmed ones included, which count toward the ticket limit) always stay: the limit bounds them.
     */
    public static final int KEPT_FINISHED_ORDERS = 32;

    /**
     * The tickets those kept ended orders may have asked for in all. An order's size grows with its tickets (a line per
     * seat and attempt, alternatives of as many seats, the seats it excluded), so the count alone does not bound the
     * record's bytes: 32 refused 100-ticket orders with the longest ids an event may have would pass 1 MB. 256 tickets
     * of ended orders take at most about a quarter of it, leaving room for the live orders (100 tickets at most) and for
     * ended ones still settling; an honest buyer's 32 orders of a few tickets each stay well within.
     */
    public static final int KEPT_FINISHED_TICKETS = 256;

    /**
     * @param current  the buyer's orders for the event
     * @param releases when the buyer's last held orders ended cancelled or expired ({@link OrderDecision#releases()})
     */
    public OrderDecision decide(List<Order> current, List<Instant> releases, OrderRules rules, OrderInput input) {
        Work work = new Work(current, releases, input);
        if (input instanceof OrderInput.Place place) {
            place(work, rules, place);
        } else if (input instanceof OrderInput.UnitDecided decided) {
            unitDecided(work, decided);
        } else if (input instanceof OrderInput.Placed placed) {
            placed(work, rules, placed);
        } else if (input instanceof OrderInput.AllocationFailed failed) {
            allocationFailed(work, failed);
        } else if (input instanceof OrderInput.Confirm confirm) {
            confirm(work, confirm);
        } else {
            cancel(work, (OrderInput.Cancel) input);
        }
        return work.done();
    }

    private static void place(Work work, OrderRules rules, OrderInput.Place place) {
        Order existing = work.find(place.orderId());
        if (existing != null) {
            work.reanswer(existing, place.requestId());
            return;
        }
        Instant at = place.at();
        Order order = Order.builder(place.orderId(), place.requestId(), OrderStatus.PLACING, at)
                .sectionId(place.units().isEmpty() ? place.sectionId() : null)
                .quantity(quantityOf(place))
                .currency(rules == null ? OrderRules.DEFAULT_CURRENCY : rules.currency())
                .build();
        OrderReason refusal = refusalOf(work, rules, place, order);
        if (refusal != null) {
            Order rejected = order.rejected(refusal, List.of(), at)
                    .retryingAt(refusal == OrderReason.RELEASE_LIMIT ? work.holdsRefusedUntil(at) : null);
            work.put(rejected);
            work.answer(Answer.Type.REJECTED, place.requestId(), rejected, refusal);
            return;
        }
        if (order.picksForBuyer()) {
            work.put(order);
            work.allocations.add(new AllocationRequest(
                    place.requestId() + ":allocate:1",
                    order.sectionId(),
                    order.orderId(),
                    order.holdId(),
                    order.quantity(),
                    List.of(),
                    List.of()));
            return;
        }
        List<OrderLine> lines = new ArrayList<>();
        for (OrderInput.UnitRef unit : place.units()) {
            lines.add(new OrderLine(
                    unit.sectionId(),
                    unit.unitId(),
                    order.holdId(),
                    unit.quantity(),
                    OrderLine.Status.REQUESTED,
                    0,
                    null));
            work.units.add(new UnitRequest(
                    UnitRequest.Type.HOLD,
                    place.requestId() + ":hold:" + unit.unitId(),
                    unit.sectionId(),
                    unit.unitId(),
                    order.holdId(),
                    unit.quantity(),
                    order.quantity(),
                    false));
        }
        work.put(order.withLines(lines));
    }

    private static int quantityOf(OrderInput.Place place) {
        return place.units().isEmpty()
                ? place.quantity()
                : place.units().stream().mapToInt(OrderInput.UnitRef::quantity).sum();
    }

    private static OrderReason refusalOf(Work work, OrderRules rules, OrderInput.Place place, Order order) {
        if (rules == null) {
            return OrderReason.UNKNOWN_EVENT;
        }
        boolean named = !place.units().isEmpty();
        Set<String> distinct = new LinkedHashSet<>();
        place.units().forEach(unit -> distinct.add(unit.sectionId() + "|" + unit.unitId()));
        boolean badUnits = named
                && (distinct.size() != place.units().size()
                        || place.units().stream().anyMatch(unit -> unit.quantity() < 1));
        if (badUnits || (!named && (place.sectionId() == null || place.quantity() < 1))) {
            return OrderReason.INVALID_COMMAND;
        }
        if (place.at().isBefore(rules.saleOpensAt())) {
            return OrderReason.NOT_ON_SALE;
        }
        int live = work.orders.stream()
                .filter(other -> other.status().isLive())
                .mapToInt(Order::quantity)
                .sum();
        if (live + order.quantity() > rules.perBuyerLimit()) {
            return OrderReason.BUYER_LIMIT;
        }
        if (work.holdsRefusedUntil(place.at()) != null) {
            return OrderReason.RELEASE_LIMIT;
        }
        return null;
    }

    private static void unitDecided(Work work, OrderInput.UnitDecided decided) {
        Order order = work.find(decided.orderId());
        if (order == null) {
            return; // a hold taken outside any order of this buyer's: nothing to keep books on
        }
        OrderLine line = lineOf(order, decided);
        boolean current = decided.holdId().equals(order.holdId());
        if (line == null) {
            // The section picked this unit for the order: the decision is the first the order hears of it.
            line = new OrderLine(
                    decided.sectionId(),
                    decided.unitId(),
                    decided.holdId(),
                    decided.quantity(),
                    OrderLine.Status.REQUESTED,
                    decided.priceMinor(),
                    null);
            order = order.withLines(append(order.lines(), line));
        }
        switch (decided.decision()) {
            case HELD -> order = held(work, order, line, decided, current);
            case REJECTED -> order = refused(work, order, line, decided, current);
            case SOLD -> order = sold(work, order, line, decided, current);
            case RELEASED -> order = replace(order, line, line.with(OrderLine.Status.RELEASED));
            case EXPIRED -> order = expired(work, order, line, decided, current);
            default -> {
                return;
            }
        }
        work.put(order);
    }

    private static Order held(Work work, Order order, OrderLine line, OrderInput.UnitDecided decided, boolean current) {
        if (line.status() != OrderLine.Status.REQUESTED) {
            return order; // the same decision again: already counted
        }
        OrderLine heldLine = new OrderLine(
                line.sectionId(),
                line.unitId(),
                line.holdId(),
                decided.quantity(),
                OrderLine.Status.HELD,
                decided.priceMinor(),
                decided.holdExpiresAt());
        order = replace(order, line, heldLine);
        if (!current || order.status() != OrderStatus.PLACING) {
            return release(work, order, heldLine);
        }
        boolean complete = order.heldQuantity() == order.quantity()
                && order.items().stream().allMatch(item -> item.status() == OrderLine.Status.HELD);
        if (!complete) {
            return order;
        }
        Order heldOrder = order.with(OrderStatus.HELD, decided.at());
        work.answer(Answer.Type.HELD, heldOrder.requestId(), heldOrder, null);
        return heldOrder;
    }

    private static Order refused(
            Work work, Order order, OrderLine line, OrderInput.UnitDecided decided, boolean current) {
        OrderLine.Status was = line.status();
        if (was == OrderLine.Status.RELEASED) {
            return order; // a RELEASE that came after the unit had handed the seat to the order's next attempt
        }
        if (was == OrderLine.Status.RELEASING) {
            return replace(order, line, line.with(OrderLine.Status.RELEASED)); // already gone from the unit
        }
        if (was == OrderLine.Status.HELD || was == OrderLine.Status.SOLD) {
            // A CONFIRM refused: the hold expired under the payment. Nothing of the order may stay sold.
            if (order.status() == OrderStatus.CONFIRMING && current) {
                return fail(
                        work,
                        replace(order, line, line.with(OrderLine.Status.EXPIRED)),
                        OrderStatus.EXPIRED,
                        reasonOf(decided),
                        decided.at());
            }
            return order;
        }
        order = replace(order, line, line.with(OrderLine.Status.REJECTED));
        if (!current || order.status() != OrderStatus.PLACING) {
            return order;
        }
        if (order.picksForBuyer() && order.attempt() < MAX_ATTEMPTS && isContention(decided.reason())) {
            // The section's view was a moment behind the seat: give back what this attempt holds, ask again. The
            // seats given back are free for the next pick although the section has not heard of it yet.
            List<String> reusable = order.items().stream()
                    .filter(item -> item.status() == OrderLine.Status.HELD)
                    .map(OrderLine::unitId)
                    .toList();
            order = releaseCurrent(work, order);
            List<String> excluded = new ArrayList<>(order.excludedUnitIds());
            order.items().stream()
                    .filter(item -> item.status() == OrderLine.Status.REJECTED)
                    .forEach(item -> excluded.add(item.unitId()));
            Order next = order.nextAttempt(excluded, decided.at());
            work.allocations.add(new AllocationRequest(
                    next.requestId() + ":allocate:" + next.attempt(),
                    next.sectionId(),
                    next.orderId(),
                    next.holdId(),
                    next.quantity(),
                    excluded,
                    reusable));
            return next;
        }
        order = releaseCurrent(work, order);
        Order rejected = order.rejected(reasonOf(decided), decided.alternatives(), decided.at());
        work.answer(Answer.Type.REJECTED, rejected.requestId(), rejected, rejected.reason());
        return rejected;
    }

    private static Order sold(Work work, Order order, OrderLine line, OrderInput.UnitDecided decided, boolean current) {
        if (line.status() == OrderLine.Status.SOLD) {
            return order;
        }
        OrderLine soldLine = line.with(OrderLine.Status.SOLD);
        order = replace(order, line, soldLine);
        if (!current || order.status() != OrderStatus.CONFIRMING) {
            return release(work, order, soldLine); // the order failed meanwhile: void this sale
        }
        if (order.items().stream().allMatch(item -> item.status() == OrderLine.Status.SOLD)) {
            Order confirmed = order.with(OrderStatus.CONFIRMED, decided.at());
            work.answer(Answer.Type.CONFIRMED, answerRequestId(confirmed, decided.requestId()), confirmed, null);
            return confirmed;
        }
        return order;
    }

    private static Order expired(
            Work work, Order order, OrderLine line, OrderInput.UnitDecided decided, boolean current) {
        order = replace(order, line, line.with(OrderLine.Status.EXPIRED));
        boolean open = order.status() == OrderStatus.PLACING
                || order.status() == OrderStatus.HELD
                || order.status() == OrderStatus.CONFIRMING;
        if (!current || !open) {
            return order;
        }
        return fail(work, order, OrderStatus.EXPIRED, OrderReason.HOLD_EXPIRED, decided.at());
    }

    /**
     * An order its section decided and answered: the books take it in, quietly (the buyer has the answer already), and
     * enforce the ticket limit afterwards. A buyer's orders for different sections are decided on different partitions,
     * so two of them can be held at the same moment beyond the limit; the edge refuses what it can see beforehand, and
     * the order that takes the buyer over the limit here is given back at once and answered REJECTED BUYER_LIMIT
     * (ADR 0009). A placement for an order the books already know under another decision is given back too: one order,
     * one set of holds.
     */
    private static void placed(Work work, OrderRules rules, OrderInput.Placed placed) {
        Order existing = work.find(placed.orderId());
        Instant at = placed.at();
        OrderReason reason = OrderReason.of(placed.reason());
        if (placed.decision() == UnitEvent.Type.REJECTED) {
            if (existing == null) {
                work.put(Order.builder(placed.orderId(), placed.requestId(), OrderStatus.REJECTED, at)
                        .quantity(placed.orderQuantity())
                        .currency(placed.currency())
                        .reason(reason)
                        .alternatives(placed.alternatives())
                        .build());
            } else if (askedHereToo(existing, placed)
                    && existing.items().stream().noneMatch(OrderLine::occupiesUnit)) {
                // The section refused the order the books were also asked for: that is the order's answer.
                Order rejected = existing.rejected(reason, placed.alternatives(), at);
                work.answer(Answer.Type.REJECTED, rejected.requestId(), rejected, reason);
                work.put(rejected);
            }
            return;
        }
        OrderLine line = new OrderLine(
                placed.sectionId(),
                placed.unitId(),
                placed.holdId(),
                placed.quantity(),
                OrderLine.Status.HELD,
                placed.priceMinor(),
                placed.holdExpiresAt());
        if (existing == null) {
            existing = Order.builder(placed.orderId(), placed.requestId(), OrderStatus.PLACING, at)
                    .quantity(placed.orderQuantity())
                    .currency(placed.currency())
                    .build();
        } else if (lineOf(existing, placed) != null) {
            return; // the same line again: already counted
        } else if (existing.status() != OrderStatus.PLACING
                || !placed.holdId().equals(existing.holdId())
                || !placed.requestId().equals(existing.requestId())) {
            Order withLine = existing.withLines(append(existing.lines(), line));
            work.put(release(work, withLine, line));
            return;
        }
        boolean askedHereToo = askedHereToo(existing, placed);
        Order order = existing.withLines(append(existing.lines(), line));
        if (order.heldQuantity() < order.quantity()) {
            work.put(order);
            return;
        }
        int others = work.orders.stream()
                .filter(other -> other.status().isLive() && !other.orderId().equals(order.orderId()))
                .mapToInt(Order::quantity)
                .sum();
        if (rules != null && others + order.quantity() > rules.perBuyerLimit()) {
            Order over = releaseCurrent(work, order).rejected(OrderReason.BUYER_LIMIT, List.of(), at);
            work.answer(Answer.Type.REJECTED, over.requestId(), over, over.reason());
            work.put(over);
            return;
        }
        Instant refusedUntil = work.holdsRefusedUntil(at);
        if (refusedUntil != null) {
            // The edge could not see that the buyer had given up too many holds (ADR 0018): given back, as over the
            // limit.
            Order looping = releaseCurrent(work, order)
                    .rejected(OrderReason.RELEASE_LIMIT, List.of(), at)
                    .retryingAt(refusedUntil);
            work.answer(Answer.Type.REJECTED, looping.requestId(), looping, looping.reason());
            work.put(looping);
            return;
        }
        Order held = order.with(OrderStatus.HELD, at);
        if (askedHereToo) {
            // A retry of this order reached the books before the section's placement did and is still waiting.
            work.answer(Answer.Type.HELD, held.requestId(), held, null);
        }
        work.put(held);
    }

    /**
     * The books were asked for this best-available order too (a retry sent to them, ADR 0009) and are waiting for the
     * section: the section, which had placed it already, does not pick again, and its placement is the order's answer.
     */
    private static boolean askedHereToo(Order existing, OrderInput.Placed placed) {
        return existing.status() == OrderStatus.PLACING
                && existing.picksForBuyer()
                && existing.attempt() == 1
                && placed.holdId().equals(existing.holdId())
                && placed.requestId().equals(existing.requestId());
    }

    private static OrderLine lineOf(Order order, OrderInput.Placed placed) {
        return order.lines().stream()
                .filter(line -> line.holdId().equals(placed.holdId())
                        && line.unitId().equals(placed.unitId())
                        && line.sectionId().equals(placed.sectionId()))
                .findFirst()
                .orElse(null);
    }

    private static void allocationFailed(Work work, OrderInput.AllocationFailed failed) {
        Order order = work.find(failed.orderId());
        if (order == null
                || order.status() != OrderStatus.PLACING
                || !failed.holdId().equals(order.holdId())) {
            return;
        }
        order = releaseCurrent(work, order);
        Order rejected = order.rejected(OrderReason.of(failed.reason()), failed.alternatives(), failed.at());
        work.answer(Answer.Type.REJECTED, rejected.requestId(), rejected, rejected.reason());
        work.put(rejected);
    }

    private static void confirm(Work work, OrderInput.Confirm confirm) {
        Order order = work.find(confirm.orderId());
        if (order == null) {
            work.answerUnknown(confirm);
            return;
        }
        switch (order.status()) {
            case HELD -> {
                Instant deadline = order.holdExpiresAt();
                if (deadline != null && !confirm.at().isBefore(deadline)) {
                    Order late =
                            order.working(OrderStatus.HELD, confirm.requestId(), confirm.paymentId(), confirm.at());
                    work.put(fail(work, late, OrderStatus.EXPIRED, OrderReason.HOLD_EXPIRED, confirm.at()));
                    return;
                }
                Order confirming =
                        order.working(OrderStatus.CONFIRMING, confirm.requestId(), confirm.paymentId(), confirm.at());
                for (OrderLine line : confirming.items()) {
                    work.units.add(new UnitRequest(
                            UnitRequest.Type.CONFIRM,
                            confirm.requestId() + ":confirm:" + line.unitId(),
                            line.sectionId(),
                            line.unitId(),
                            line.holdId(),
                            line.quantity(),
                            confirming.quantity(),
                            false));
                }
                work.put(confirming);
            }
            case CONFIRMING -> {
                if (Objects.equals(confirm.paymentId(), order.paymentId())) {
                    // The same payment asking again (its first ask timed out): it gets the answer when the units
                    // decide.
                    work.put(order.working(
                            OrderStatus.CONFIRMING, confirm.requestId(), order.paymentId(), order.updatedAt()));
                } else {
                    // Another payment of the order (a second click, a second key): the first CONFIRM wins and keeps its
                    // answer; this one is told at once, naming the payment in progress, so its money is voided.
                    work.answer(Answer.Type.REJECTED, confirm.requestId(), order, OrderReason.PAYMENT_IN_PROGRESS);
                }
            }
            case PLACING -> work.answer(Answer.Type.REJECTED, confirm.requestId(), order, OrderReason.NOT_HELD);
            // CONFIRMED: answered CONFIRMED again, with the order's own payment id, so a payment that lost the race
            // sees
            // that it did not pay and voids its money; an ended order as it ended.
            default -> work.reanswer(order, confirm.requestId());
        }
    }

    private static void cancel(Work work, OrderInput.Cancel cancel) {
        Order order = work.find(cancel.orderId());
        if (order == null) {
            work.answerUnknown(cancel);
            return;
        }
        switch (order.status()) {
            case PLACING, HELD -> {
                Order cancelled = giveUpCurrent(
                                work, order.working(order.status(), cancel.requestId(), order.paymentId(), cancel.at()))
                        .ended(OrderStatus.CANCELLED, null, cancel.at());
                work.answer(Answer.Type.CANCELLED, cancel.requestId(), cancelled, null);
                work.put(cancelled);
            }
            case CONFIRMING ->
                work.answer(Answer.Type.REJECTED, cancel.requestId(), order, OrderReason.PAYMENT_IN_PROGRESS);
            case CONFIRMED ->
                work.answer(Answer.Type.REJECTED, cancel.requestId(), order, OrderReason.ALREADY_CONFIRMED);
            default -> work.reanswer(order, cancel.requestId());
        }
    }

    /** Ends an order that cannot go on and gives back everything its current attempt holds or bought. */
    private static Order fail(Work work, Order order, OrderStatus status, OrderReason reason, Instant at) {
        Order failed = releaseCurrent(work, order).ended(status, reason, at);
        work.answer(
                status == OrderStatus.EXPIRED ? Answer.Type.EXPIRED : Answer.Type.REJECTED,
                answerRequestId(failed, failed.requestId()),
                failed,
                reason);
        return failed;
    }

    private static Order releaseCurrent(Work work, Order order) {
        return releaseCurrent(work, order, false);
    }

    /** The buyer cancels: everything the current attempt holds goes back, each seat starting the buyer's cooldown. */
    private static Order giveUpCurrent(Work work, Order order) {
        return releaseCurrent(work, order, true);
    }

    private static Order releaseCurrent(Work work, Order order, boolean givenUp) {
        for (OrderLine line : order.items()) {
            if (line.occupiesUnit()) {
                order = release(work, order, line, givenUp);
            }
        }
        return order;
    }

    private static Order release(Work work, Order order, OrderLine line) {
        return release(work, order, line, false);
    }

    /** @param givenUp the buyer gave it up (a cancel), rather than the engine on its behalf (ADR 0018) */
    private static Order release(Work work, Order order, OrderLine line, boolean givenUp) {
        work.units.add(new UnitRequest(
                UnitRequest.Type.RELEASE,
                "release:" + line.holdId() + ":" + line.unitId(),
                line.sectionId(),
                line.unitId(),
                line.holdId(),
                line.quantity(),
                order.quantity(),
                givenUp));
        return replace(order, line, line.with(OrderLine.Status.RELEASING));
    }

    /** A payment waiting on the order is answered under its own request id; everything else under the order's. */
    private static String answerRequestId(Order order, String fallback) {
        return order.lastRequestId() != null ? order.lastRequestId() : fallback;
    }

    private static boolean isContention(RejectionReason reason) {
        return reason == RejectionReason.SEAT_TAKEN
                || reason == RejectionReason.SOLD_OUT
                || reason == RejectionReason.INSUFFICIENT_CAPACITY;
    }

    private static OrderReason reasonOf(OrderInput.UnitDecided decided) {
        return OrderReason.of(decided.reason());
    }

    private static OrderLine lineOf(Order order, OrderInput.UnitDecided decided) {
        return order.lines().stream()
                .filter(line -> line.holdId().equals(decided.holdId())
                        && line.unitId().equals(decided.unitId())
                        && line.sectionId().equals(decided.sectionId()))
                .findFirst()
                .orElse(null);
    }

    private static Order replace(Order order, OrderLine old, OrderLine updated) {
        return order.mapLines(line -> line == old ? updated : line);
    }

    private static List<OrderLine> append(List<OrderLine> lines, OrderLine line) {
        List<OrderLine> all = new ArrayList<>(lines);
        all.add(line);
        return all;
    }

    /** The decision being built: the buyer's orders and the effects so far. */
    private static final class Work {
        final List<Order> before;
        final List<Order> orders;
        final List<Instant> releasesBefore;
        final OrderInput input;
        final List<UnitRequest> units = new ArrayList<>();
        final List<AllocationRequest> allocations = new ArrayList<>();
        final List<Answer> answers = new ArrayList<>();

        Work(List<Order> current, List<Instant> releases, OrderInput input) {
            this.before = List.copyOf(current);
            this.releasesBefore = List.copyOf(releases);
            this.input = input;
            Instant horizon = input.at().minus(KEEP_FINISHED);
            this.orders = new ArrayList<>(current.stream()
                    .filter(order -> order.status() == OrderStatus.CONFIRMED
                            || !order.status().isFinal()
                            || order.updatedAt().isAfter(horizon))
                    .toList());
        }

        /** Until when the buyer's new holds are refused at {@code at} for the holds it gave up, or {@code null}. */
        Instant holdsRefusedUntil(Instant at) {
            return ReleasePolicy.holdsRefusedUntil(releasesBefore, at).orElse(null);
        }

        /**
         * The buyer's releases after this decision: one more for every order it ended CANCELLED or EXPIRED while the
         * order held tickets; the buyer chose that, by cancelling or by not paying in time. Refusals, and what the engine
         * gave back on the buyer's behalf, are not the buyer's releases.
         */
        List<Instant> releases() {
            List<Instant> releases = releasesBefore;
            for (Order was : before) {
                Order now = find(was.orderId());
                boolean gaveUp =
                        now != null && (now.status() == OrderStatus.CANCELLED || now.status() == OrderStatus.EXPIRED);
                if (gaveUp && was.status().isLive() && was.items().stream().anyMatch(OrderLine::occupiesUnit)) {
                    releases = ReleasePolicy.rememberRelease(releases, input.at());
                }
            }
            return releases;
        }

        Order find(String orderId) {
            return orders.stream()
                    .filter(order -> order.orderId().equals(orderId))
                    .findFirst()
                    .orElse(null);
        }

        void put(Order order) {
            for (int i = 0; i < orders.size(); i++) {
                if (orders.get(i).orderId().equals(order.orderId())) {
                    orders.set(i, order);
                    return;
                }
            }
            orders.add(order);
        }

        void answer(Answer.Type type, String requestId, Order order, OrderReason reason) {
            answers.add(new Answer(type, requestId, input.at(), order, reason));
        }

        /** The same question again: the same answer, nothing taken twice. Orders still working answer when done. */
        void reanswer(Order order, String requestId) {
            Answer.Type type = switch (order.status()) {
                case HELD -> Answer.Type.HELD;
                case REJECTED -> Answer.Type.REJECTED;
                case CONFIRMED -> Answer.Type.CONFIRMED;
                case EXPIRED -> Answer.Type.EXPIRED;
                case CANCELLED -> Answer.Type.CANCELLED;
                default -> null;
            };
            if (type != null) {
                // As it was decided, when it was decided.
                answers.add(new Answer(type, requestId, order.updatedAt(), order, order.reason()));
            }
        }

        void answerUnknown(OrderInput input) {
            Order unknown = Order.builder(input.orderId(), input.requestId(), OrderStatus.REJECTED, input.at())
                    .currency(OrderRules.DEFAULT_CURRENCY)
                    .reason(OrderReason.UNKNOWN_ORDER)
                    .build();
            answer(Answer.Type.REJECTED, input.requestId(), unknown, OrderReason.UNKNOWN_ORDER);
        }

        /**
         * The decision, with the buyer's record bounded: of its settled ended orders, the most recent stay, at most
         * {@link #KEPT_FINISHED_ORDERS} of them asking for at most {@link #KEPT_FINISHED_TICKETS} tickets; the older
         * leave the record as {@code archived}. Only settled ones (nothing held, sold or on its way at a unit): an order
         * that still waits for a unit's answer must find its books when the answer comes, or a late hold for it would
         * never be given back. Live orders never leave: the ticket limit counts them.
         */
        OrderDecision done() {
            List<Order> settled = orders.stream()
                    .filter(Order::isSettled)
                    .sorted(Comparator.comparing(Order::updatedAt))
                    .toList();
            int staying = 0;
            int tickets = 0;
            for (int i = settled.size() - 1; i >= 0; i--) {
                // At least one ticket each: an order refused as invalid may have asked for none.
                int asked = Math.max(1, settled.get(i).quantity());
                if (staying == KEPT_FINISHED_ORDERS || tickets + asked > KEPT_FINISHED_TICKETS) {
                    break;
                }
                staying++;
                tickets += asked;
            }
            List<Order> archived = settled.subList(0, settled.size() - staying);
            Set<String> leaving = new HashSet<>();
            archived.forEach(order -> leaving.add(order.orderId()));
            List<Order> kept = leaving.isEmpty()
                    ? orders
                    : orders.stream()
                            .filter(order -> !leaving.contains(order.orderId()))
                            .toList();
            List<Instant> releases = releases();
            return new OrderDecision(
                    kept,
                    releases,
                    !kept.equals(before) || !releases.equals(releasesBefore),
                    units,
                    allocations,
                    answers,
                    archived);
        }
    }
}
