package io.onsale.reservations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.reservations.domain.OrderDecision.Answer;
import io.onsale.reservations.domain.OrderDecision.UnitRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * One buyer's record under a random stream of its own commands (new orders, retries of any earlier one, cancels,
 * payments) interleaved at random with its units' answers, the archive kept as {@code OrderProcessor} keeps it (an
 * order that left the record is handed back when named again): the record never holds more than
 * {@link OrderDecider#KEPT_FINISHED_ORDERS} settled ended orders, no live order ever leaves it, nothing leaves it that a
 * unit could still answer about, and no order is ever decided twice (a retry of any order, archived or not, asks no
 * unit and no section for anything).
 */
class BuyerRecordBoundPropertyTest {

    private static final Instant OPEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final OrderRules RULES = new OrderRules(4, OPEN, "EUR");
    private static final List<String> SEATS = List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5", "A-1-6");

    private final OrderDecider decider = new OrderDecider();

    @Property(tries = 200)
    void theRecordStaysBoundedKeepsEveryLiveOrderAndNoOrderIsDecidedTwice(@ForAll long seed) {
        Random random = new Random(seed);
        List<Order> record = List.of();
        Map<String, Order> archive = new HashMap<>();
        Map<String, OrderInput.Place> placed = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        Map<String, String> seatHeldBy = new HashMap<>();
        Set<String> sold = new HashSet<>();
        Instant at = OPEN;
        int archivedInAll = 0;
        for (int step = 0; step < 600; step++) {
            at = at.plusMillis(100);
            OrderInput input = next(random, at, placed, pending, seatHeldBy, sold);
            boolean retry = input instanceof OrderInput.Place place && placed.containsKey(place.orderId());
            if (input instanceof OrderInput.Place place && !retry) {
                placed.put(place.orderId(), place);
            }
            List<Order> current = withArchived(record, archive, input.orderId());

            OrderDecision decision = decider.decide(current, List.of(), RULES, input);

            if (retry) {
                assertThat(decision.unitRequests())
                        .as("a retry of %s asks no unit", input.orderId())
                        .isEmpty();
                assertThat(decision.allocationRequests())
                        .as("a retry of %s asks no section", input.orderId())
                        .isEmpty();
            }
            for (Order before : current) {
                if (before.status().isLive()) {
                    assertThat(decision.orders())
                            .as("live order %s stays in the record", before.orderId())
                            .anyMatch(after -> after.orderId().equals(before.orderId()));
                }
            }
            assertThat(decision.archived()).allMatch(Order::isSettled);
            assertThat(decision.orders().stream().filter(Order::isSettled).count())
                    .isLessThanOrEqualTo(OrderDecider.KEPT_FINISHED_ORDERS);
            for (Answer answer : decision.answers()) {
                assertThat(answer.order().orderId()).isEqualTo(input.orderId());
            }
            record = decision.orders();
            decision.archived().forEach(order -> archive.put(order.orderId(), order));
            archivedInAll += decision.archived().size();
            for (UnitRequest request : decision.unitRequests()) {
                pending.add(new Pending(input.orderId(), request));
            }
            Set<String> known = new HashSet<>(archive.keySet());
            record.forEach(order -> known.add(order.orderId()));
            assertThat(known)
                    .as("every order placed is kept, in the record or the archive")
                    .containsAll(placed.keySet());
        }
        assertThat(archivedInAll).as("the bound was reached").isPositive();
    }

    /** The next thing that happens: mostly the buyer's commands, and the units answering what they were asked. */
    private static OrderInput next(
            Random random,
            Instant at,
            Map<String, OrderInput.Place> placed,
            List<Pending> pending,
            Map<String, String> seatHeldBy,
            Set<String> sold) {
        int dice = random.nextInt(100);
        List<String> orderIds = new ArrayList<>(placed.keySet());
        if (dice < 35 && !pending.isEmpty()) {
            return answer(pending.remove(random.nextInt(pending.size())), at, seatHeldBy, sold);
        }
        if (dice < 50 && !orderIds.isEmpty()) {
            OrderInput.Place first = placed.get(orderIds.get(random.nextInt(orderIds.size())));
            return new OrderInput.Place(
                    first.requestId(), at, first.orderId(), first.units(), first.sectionId(), first.quantity());
        }
        if (dice < 60 && !orderIds.isEmpty()) {
            return new OrderInput.Cancel(
                    "cancel-" + at.toEpochMilli(), at, orderIds.get(random.nextInt(orderIds.size())));
        }
        if (dice < 70 && !orderIds.isEmpty()) {
            String payment = "payment-" + random.nextInt(3);
            return new OrderInput.Confirm(
                    "confirm:" + payment + "-" + at.toEpochMilli(),
                    at,
                    orderIds.get(random.nextInt(orderIds.size())),
                    payment);
        }
        String orderId = "o" + placed.size();
        if (dice < 80) {
            // Refused before anything is asked: the flood an attacker makes with fresh keys.
            return new OrderInput.Place("place-" + orderId, at, orderId, List.of(), "A", 0);
        }
        List<OrderInput.UnitRef> units = new ArrayList<>();
        for (String seat : SEATS) {
            if (units.size() < 2 && random.nextInt(3) == 0) {
                units.add(new OrderInput.UnitRef("A", seat, 1));
            }
        }
        if (units.isEmpty()) {
            units.add(new OrderInput.UnitRef("A", SEATS.get(random.nextInt(SEATS.size())), 1));
        }
        return new OrderInput.Place("place-" + orderId, at, orderId, units, null, 0);
    }

    /** A unit's answer as {@code UnitDecider} would give it: a seat holds for one hold id at a time, a sale is final. */
    private static OrderInput answer(Pending asked, Instant at, Map<String, String> seatHeldBy, Set<String> sold) {
        UnitRequest request = asked.request();
        String seat = request.unitId();
        String holder = seatHeldBy.get(seat);
        boolean mine = request.holdId().equals(holder);
        UnitEvent.Type type;
        RejectionReason reason = null;
        switch (request.type()) {
            case HOLD -> {
                if (holder == null || mine) {
                    seatHeldBy.put(seat, request.holdId());
                    type = UnitEvent.Type.HELD;
                } else {
                    type = UnitEvent.Type.REJECTED;
                    reason = RejectionReason.SEAT_TAKEN;
                }
            }
            case CONFIRM -> {
                if (mine) {
                    sold.add(seat);
                    type = UnitEvent.Type.SOLD;
                } else {
                    type = UnitEvent.Type.REJECTED;
                    reason = RejectionReason.UNKNOWN_HOLD;
                }
            }
            default -> {
                if (mine) {
                    seatHeldBy.remove(seat);
                    sold.remove(seat);
                    type = UnitEvent.Type.RELEASED;
                } else {
                    type = UnitEvent.Type.REJECTED;
                    reason = RejectionReason.UNKNOWN_HOLD;
                }
            }
        }
        return new OrderInput.UnitDecided(
                request.requestId(),
                at,
                asked.orderId(),
                request.holdId(),
                request.sectionId(),
                seat,
                type,
                reason,
                request.quantity(),
                type == UnitEvent.Type.HELD ? at.plus(Duration.ofMinutes(10)) : null,
                9_900,
                List.of());
    }

    /** As the processor does: an order named again that left the record is decided as it was, not as a new one. */
    private static List<Order> withArchived(List<Order> record, Map<String, Order> archive, String orderId) {
        if (record.stream().anyMatch(order -> order.orderId().equals(orderId)) || !archive.containsKey(orderId)) {
            return record;
        }
        List<Order> withIt = new ArrayList<>(record);
        withIt.add(archive.get(orderId));
        return withIt;
    }

    private record Pending(String orderId, UnitRequest request) {}
}
