package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides an order for one section where the section's units live (ADR 0009): named seats, best-available seats or a
 * general-admission quantity, all or nothing, in one step. Each unit is still decided by {@link UnitDecider}, exactly
 * as a HOLD command for it would be; the desk only makes the order's holds one decision: either every unit holds,
 * and the caller applies every unit's decision, or one refuses, and the caller applies none of them and answers the
 * refusal with the alternatives of the section as it is. Pure: units, views and the other sections in, the outcome
 * out.
 */
public final class SectionDesk {

    /** What a buyer asked of one section: named {@code units}, or {@code quantity} tickets picked by the section. */
    public record Request(
            String requestId,
            Instant at,
            String orderId,
            String buyerId,
            String sectionId,
            List<OrderInput.UnitRef> units,
            int quantity) {
        public Request {
            units = List.copyOf(units);
        }

        boolean picksForBuyer() {
            return units.isEmpty();
        }

        int tickets() {
            return picksForBuyer()
                    ? quantity
                    : units.stream().mapToInt(OrderInput.UnitRef::quantity).sum();
        }
    }

    /** One unit's decision, to be applied to the unit's state if the order holds. */
    public record UnitOutcome(UnitKey key, UnitDecision decision) {}

    /**
     * @param units   every unit's decision when the order holds (apply them all), empty when it is refused
     * @param refused the unit that refused, when one did
     * @param answer  the order as the buyer is told it: HELD with its lines, or REJECTED with reason and alternatives
     */
    public record Outcome(List<UnitOutcome> units, Order answer, UnitOutcome refused) {
        public boolean held() {
            return answer.status() == OrderStatus.HELD;
        }
    }

    private final UnitDecider units = new UnitDecider();
    private final SectionAllocator allocator = new SectionAllocator();

    /**
     * @param eventId the event of the section
     * @param unitOf  the current state of a unit of the section ({@code Optional.empty()} when unknown)
     * @param section the section's units as the availability view has them, indexed: asked only for a pick or a
     *                refusal, not for the named seats of an order that holds (the common case)
     * @param othersOf the event's other sections, for alternatives elsewhere; asked only for a refusal
     */
    public Outcome place(
            String eventId,
            Request request,
            Function<String, Optional<Unit>> unitOf,
            SectionIndex section,
            Supplier<List<SectionOverview>> othersOf,
            String currency) {
        if (!request.picksForBuyer()) {
            Set<String> distinct = new LinkedHashSet<>();
            boolean valid = request.units().stream()
                    .allMatch(unit -> unit.quantity() >= 1
                            && unit.sectionId().equals(request.sectionId())
                            && distinct.add(unit.unitId()));
            if (!valid) {
                return refused(request, RejectionReason.INVALID_COMMAND, List.of(), null, currency, null);
            }
            return hold(
                    eventId,
                    request,
                    request.units().stream()
                            .map(unit -> new SectionAllocator.Pick(unit.unitId(), unit.quantity()))
                            .toList(),
                    unitOf,
                    section,
                    othersOf,
                    currency);
        }
        // Seats the buyer gave up a moment ago are not theirs to pick (ADR 0018): each one a pick lands on is set aside
        // and the section picks again, until a pick holds or nothing else is left.
        Map<String, Instant> cooling = new LinkedHashMap<>();
        while (true) {
            Instant at = request.at();
            Optional<List<SectionAllocator.Pick>> picks = request.quantity() < 1
                    ? Optional.empty()
                    : section.pick(request.quantity(), cooling.keySet(), Set.of(), request.orderId(), at);
            if (picks.isEmpty()) {
                // Had the buyer not given seats up, the first pick would have held them: that is the reason to give.
                RejectionReason reason = request.quantity() < 1
                        ? RejectionReason.INVALID_COMMAND
                        : !cooling.isEmpty()
                                ? RejectionReason.RELEASE_COOLDOWN
                                : section.isEmpty()
                                        ? RejectionReason.UNKNOWN_UNIT
                                        : section.anyFree(at)
                                                ? RejectionReason.INSUFFICIENT_CAPACITY
                                                : RejectionReason.SOLD_OUT;
                List<Alternative> alternatives = allocator.alternatives(
                        request.sectionId(), List.of(), null, request.quantity(), cooling.keySet(), at, othersOf.get());
                Instant retryAt =
                        cooling.values().stream().min(Comparator.naturalOrder()).orElse(null);
                return refused(request, reason, alternatives, null, currency, retryAt);
            }
            Outcome outcome = hold(eventId, request, picks.get(), unitOf, section, othersOf, currency);
            if (outcome.held() || outcome.answer().reason() != OrderReason.RELEASE_COOLDOWN) {
                return outcome;
            }
            String unitId = outcome.refused().key().unitId();
            cooling.put(unitId, outcome.answer().retryAt());
        }
    }

    /** Holds every one of {@code wanted} for the order, each decided by its unit, or none of them. */
    private Outcome hold(
            String eventId,
            Request request,
            List<SectionAllocator.Pick> wanted,
            Function<String, Optional<Unit>> unitOf,
            SectionIndex section,
            Supplier<List<SectionOverview>> othersOf,
            String currency) {
        Instant at = request.at();
        String holdId = Order.holdIdOf(request.orderId(), 1);
        int tickets = wanted.stream().mapToInt(SectionAllocator.Pick::quantity).sum();
        List<UnitOutcome> decided = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        for (SectionAllocator.Pick pick : wanted) {
            UnitKey key = new UnitKey(eventId, request.sectionId(), pick.unitId());
            Optional<Unit> unit = unitOf.apply(pick.unitId());
            UnitDecision decision = units.decide(
                    unit,
                    key,
                    new UnitCommand.PlaceHold(
                            request.requestId() + ":hold:" + pick.unitId(),
                            at,
                            holdId,
                            request.buyerId(),
                            request.orderId(),
                            pick.quantity()));
            UnitEvent last = decision.events().get(decision.events().size() - 1);
            UnitOutcome outcome = new UnitOutcome(key, decision);
            if (last.type() != UnitEvent.Type.HELD) {
                RejectionReason reason = last.reason() == null ? RejectionReason.INVALID_COMMAND : last.reason();
                Instant retryAt = reason != RejectionReason.RELEASE_COOLDOWN
                        ? null
                        : unit.flatMap(cooling ->
                                        ReleasePolicy.cooldownEnds(cooling.releasers(), request.buyerId(), at))
                                .orElse(null);
                // Asked only when the order is refused: the section's view, walked near the seat it lost.
                List<Alternative> alternatives =
                        section.alternatives(request.sectionId(), pick.unitId(), tickets, Set.of(), at, othersOf.get());
                return refused(request, reason, alternatives, outcome, currency, retryAt);
            }
            decided.add(outcome);
            long price = unit.map(held -> held.spec().priceMinor()).orElse(0L);
            lines.add(new OrderLine(
                    request.sectionId(),
                    pick.unitId(),
                    holdId,
                    pick.quantity(),
                    OrderLine.Status.HELD,
                    price,
                    last.holdExpiresAt()));
        }
        Order held = Order.builder(request.orderId(), request.requestId(), OrderStatus.HELD, at)
                .quantity(tickets)
                .lines(lines)
                .currency(currency)
                .build();
        return new Outcome(decided, held, null);
    }

    private static Outcome refused(
            Request request,
            RejectionReason reason,
            List<Alternative> alternatives,
            UnitOutcome refused,
            String currency,
            Instant retryAt) {
        Order order = Order.builder(request.orderId(), request.requestId(), OrderStatus.REJECTED, request.at())
                .quantity(request.tickets())
                .currency(currency)
                .reason(OrderReason.of(reason))
                .alternatives(alternatives)
                .retryAt(retryAt)
                .build();
        return new Outcome(List.of(), order, refused);
    }
}
