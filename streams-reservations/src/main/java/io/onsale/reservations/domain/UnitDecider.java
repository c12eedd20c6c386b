package io.onsale.reservations.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides every command for one unit, given the unit's state and the command's timestamp. Pure: the same
 * state and command always give the same decision, so replaying a unit's command log replays its history.
 *
 * <p>Holds past their deadline are expired first, before the command is looked at, so a late command
 * sees exactly the inventory a punctual one would.
 *
 * <p>A seat remembers who gave a hold of it up, by cancelling or by letting it expire, and refuses that buyer's new
 * holds of it for {@link ReleasePolicy#SEAT_COOLDOWN} ({@link RejectionReason#RELEASE_COOLDOWN}), so a hold–release
 * loop hands the seat to the other buyers instead of back to the looper (ADR 0018).
 */
public final class UnitDecider {

    public UnitDecision decide(Optional<Unit> current, UnitKey key, UnitCommand command) {
        List<UnitEvent> events = new ArrayList<>();
        Optional<Unit> state = current.map(unit -> expireDueHolds(unit, command, events));
        boolean changed = !events.isEmpty();

        if (command instanceof UnitCommand.Configure configure) {
            return configure(key, state, configure, events, changed);
        }
        if (state.isEmpty()) {
            events.add(rejectUnknownUnit(command));
            return new UnitDecision(state, events, changed);
        }
        Unit unit = state.get();
        if (command instanceof UnitCommand.PlaceHold hold) {
            return placeHold(unit, hold, events, changed);
        }
        if (command instanceof UnitCommand.ConfirmHold confirm) {
            return confirm(unit, confirm, events, changed);
        }
        if (command instanceof UnitCommand.ReleaseHold release) {
            return release(unit, release, events, changed);
        }
        // ExpireHold: the due hold, if still there, was expired above; one not yet due stays.
        return new UnitDecision(Optional.of(unit), events, changed);
    }

    private static Unit expireDueHolds(Unit unit, UnitCommand command, List<UnitEvent> events) {
        List<Hold> live = new ArrayList<>();
        List<Hold> due = new ArrayList<>();
        for (Hold hold : unit.holds()) {
            (hold.isDueAt(command.at()) ? due : live).add(hold);
        }
        if (due.isEmpty()) {
            return unit;
        }
        Unit next = unit.withHolds(live);
        for (Hold hold : due) {
            next = next.givenUpBy(hold, command.at());
            events.add(
                    UnitEvent.about(UnitEvent.Type.EXPIRED, command.requestId(), command.at(), hold, next.available()));
        }
        return next;
    }

    private static UnitDecision placeHold(
            Unit unit, UnitCommand.PlaceHold command, List<UnitEvent> events, boolean changed) {
        Optional<Hold> existing = unit.hold(command.holdId());
        if (existing.isPresent()) {
            // A retried request: answer as the first time, take nothing more.
            events.add(UnitEvent.about(
                    UnitEvent.Type.HELD, command.requestId(), command.at(), existing.get(), unit.available()));
            return new UnitDecision(Optional.of(unit), events, changed);
        }
        Optional<Hold> earlierAttempt = command.orderId() == null
                ? Optional.empty()
                : unit.holds().stream()
                        .filter(hold -> command.orderId().equals(hold.orderId())
                                && hold.buyerId().equals(command.buyerId()))
                        .findFirst();
        if (earlierAttempt.isPresent()) {
            return handOver(unit, command, earlierAttempt.get(), events, changed);
        }
        RejectionReason refusal = refusalOf(unit, command);
        if (refusal != null) {
            events.add(UnitEvent.rejected(
                    command.requestId(),
                    command.at(),
                    command.holdId(),
                    command.buyerId(),
                    command.orderId(),
                    command.quantity(),
                    refusal,
                    unit.available()));
            return new UnitDecision(Optional.of(unit), events, changed);
        }
        Hold hold = new Hold(
                command.holdId(),
                command.requestId(),
                command.buyerId(),
                command.orderId(),
                command.quantity(),
                command.at().plus(unit.spec().holdWindow()));
        List<Hold> holds = new ArrayList<>(unit.holds());
        holds.add(hold);
        Unit next = unit.withHolds(holds);
        events.add(UnitEvent.about(UnitEvent.Type.HELD, command.requestId(), command.at(), hold, next.available()));
        return new UnitDecision(Optional.of(next), events, true);
    }

    /**
     * Organizers add capacity, kill and unkill units by configuring them again. What is sold or held stays: a
     * unit may not shrink below it or change kind under its buyers.
     */
    private static UnitDecision configure(
            UnitKey key,
            Optional<Unit> state,
            UnitCommand.Configure configure,
            List<UnitEvent> events,
            boolean changed) {
        if (state.isPresent()) {
            Unit unit = state.get();
            UnitSpec spec = configure.spec();
            if (spec.kind() != unit.spec().kind() || spec.capacity() < unit.held() + unit.sold()) {
                events.add(UnitEvent.rejected(
                        configure.requestId(),
                        configure.at(),
                        null,
                        null,
                        null,
                        spec.capacity(),
                        RejectionReason.INVALID_COMMAND,
                        unit.available()));
                return new UnitDecision(state, events, changed);
            }
        }
        Unit next = state.map(unit -> unit.withSpec(configure.spec()))
                .orElseGet(() -> Unit.configured(key, configure.spec()));
        events.add(new UnitEvent(
                UnitEvent.Type.CONFIGURED,
                configure.requestId(),
                configure.at(),
                null,
                null,
                null,
                0,
                null,
                null,
                next.available()));
        return new UnitDecision(Optional.of(next), events, true);
    }

    /**
     * An order that lost another of its seats asks again and may pick a seat it already holds from its previous
     * attempt, before that attempt's RELEASE has arrived: the seat goes from one attempt of the order to the next
     * instead of being refused as taken by the order itself. The old hold is released, the new one held.
     */
    private static UnitDecision handOver(
            Unit unit, UnitCommand.PlaceHold command, Hold previous, List<UnitEvent> events, boolean changed) {
        List<Hold> holds = new ArrayList<>(unit.holds());
        holds.remove(previous);
        Unit released = unit.withHolds(holds);
        RejectionReason refusal = refusalOf(released, command);
        if (refusal != null) {
            events.add(UnitEvent.rejected(
                    command.requestId(),
                    command.at(),
                    command.holdId(),
                    command.buyerId(),
                    command.orderId(),
                    command.quantity(),
                    refusal,
                    unit.available()));
            return new UnitDecision(Optional.of(unit), events, changed);
        }
        events.add(UnitEvent.about(
                UnitEvent.Type.RELEASED, command.requestId(), command.at(), previous, released.available()));
        Hold hold = new Hold(
                command.holdId(),
                command.requestId(),
                command.buyerId(),
                command.orderId(),
                command.quantity(),
                command.at().plus(unit.spec().holdWindow()));
        holds.add(hold);
        Unit next = unit.withHolds(holds);
        events.add(UnitEvent.about(UnitEvent.Type.HELD, command.requestId(), command.at(), hold, next.available()));
        return new UnitDecision(Optional.of(next), events, true);
    }

    private static RejectionReason refusalOf(Unit unit, UnitCommand.PlaceHold command) {
        UnitSpec spec = unit.spec();
        if (command.quantity() < 1 || (spec.kind() == UnitSpec.Kind.SEAT && command.quantity() != 1)) {
            return RejectionReason.INVALID_COMMAND;
        }
        if (spec.killed()) {
            return RejectionReason.KILLED;
        }
        if (command.at().isBefore(spec.saleOpensAt())) {
            return RejectionReason.NOT_ON_SALE;
        }
        if (unit.available() >= command.quantity()) {
            return coolingDown(unit, command) ? RejectionReason.RELEASE_COOLDOWN : null;
        }
        if (spec.kind() == UnitSpec.Kind.SEAT) {
            return RejectionReason.SEAT_TAKEN;
        }
        return unit.available() == 0 ? RejectionReason.SOLD_OUT : RejectionReason.INSUFFICIENT_CAPACITY;
    }

    /** The buyer gave up a hold of this seat too recently to hold it again; only ever a seat (ADR 0018). */
    private static boolean coolingDown(Unit unit, UnitCommand.PlaceHold command) {
        return ReleasePolicy.cooldownEnds(unit.releasers(), command.buyerId(), command.at())
                .isPresent();
    }

    private static UnitDecision confirm(
            Unit unit, UnitCommand.ConfirmHold command, List<UnitEvent> events, boolean changed) {
        Optional<Sale> sold =
                unit.sale(command.holdId()).filter(sale -> sale.buyerId().equals(command.buyerId()));
        if (sold.isPresent()) {
            Sale sale = sold.get();
            events.add(new UnitEvent(
                    UnitEvent.Type.SOLD,
                    command.requestId(),
                    command.at(),
                    sale.holdId(),
                    sale.buyerId(),
                    sale.orderId(),
                    sale.quantity(),
                    null,
                    null,
                    unit.available()));
            return new UnitDecision(Optional.of(unit), events, changed);
        }
        Optional<Hold> held =
                unit.hold(command.holdId()).filter(hold -> hold.buyerId().equals(command.buyerId()));
        if (held.isEmpty()) {
            boolean justExpired =
                    events.stream().anyMatch(event -> command.holdId().equals(event.holdId()));
            events.add(UnitEvent.rejected(
                    command.requestId(),
                    command.at(),
                    command.holdId(),
                    command.buyerId(),
                    null,
                    0,
                    justExpired ? RejectionReason.HOLD_EXPIRED : RejectionReason.UNKNOWN_HOLD,
                    unit.available()));
            return new UnitDecision(Optional.of(unit), events, changed);
        }
        Hold hold = held.get();
        List<Hold> holds = new ArrayList<>(unit.holds());
        holds.remove(hold);
        List<Sale> sales = new ArrayList<>(unit.sales());
        sales.add(new Sale(hold.holdId(), hold.buyerId(), hold.orderId(), hold.quantity()));
        Unit next = unit.withHolds(holds).withSales(sales);
        events.add(new UnitEvent(
                UnitEvent.Type.SOLD,
                command.requestId(),
                command.at(),
                hold.holdId(),
                hold.buyerId(),
                hold.orderId(),
                hold.quantity(),
                null,
                null,
                next.available()));
        return new UnitDecision(Optional.of(next), events, true);
    }

    private static UnitDecision release(
            Unit unit, UnitCommand.ReleaseHold command, List<UnitEvent> events, boolean changed) {
        Optional<Hold> held =
                unit.hold(command.holdId()).filter(hold -> hold.buyerId().equals(command.buyerId()));
        if (held.isEmpty()) {
            Optional<Sale> sold =
                    unit.sale(command.holdId()).filter(sale -> sale.buyerId().equals(command.buyerId()));
            if (sold.isPresent()) {
                return voidSale(unit, command, sold.get(), events);
            }
            events.add(UnitEvent.rejected(
                    command.requestId(),
                    command.at(),
                    command.holdId(),
                    command.buyerId(),
                    null,
                    0,
                    RejectionReason.UNKNOWN_HOLD,
                    unit.available()));
            return new UnitDecision(Optional.of(unit), events, changed);
        }
        List<Hold> holds = new ArrayList<>(unit.holds());
        holds.remove(held.get());
        Unit next = unit.withHolds(holds);
        if (command.givenUp()) {
            next = next.givenUpBy(held.get(), command.at());
        }
        events.add(UnitEvent.about(
                UnitEvent.Type.RELEASED, command.requestId(), command.at(), held.get(), next.available()));
        return new UnitDecision(Optional.of(next), events, true);
    }

    /**
     * An order whose other units could not be confirmed gives this one back even though it was sold a moment
     * ago: all-or-nothing holds for sales too, and the payment is voided. Only the order that bought it can.
     */
    private static UnitDecision voidSale(
            Unit unit, UnitCommand.ReleaseHold command, Sale sale, List<UnitEvent> events) {
        List<Sale> sales = new ArrayList<>(unit.sales());
        sales.remove(sale);
        Unit next = unit.withSales(sales);
        events.add(new UnitEvent(
                UnitEvent.Type.RELEASED,
                command.requestId(),
                command.at(),
                sale.holdId(),
                sale.buyerId(),
                sale.orderId(),
                sale.quantity(),
                null,
                null,
                next.available()));
        return new UnitDecision(Optional.of(next), events, true);
    }

    private static UnitEvent rejectUnknownUnit(UnitCommand command) {
        if (command instanceof UnitCommand.PlaceHold hold) {
            return UnitEvent.rejected(
                    hold.requestId(),
                    hold.at(),
                    hold.holdId(),
                    hold.buyerId(),
                    hold.orderId(),
                    hold.quantity(),
                    RejectionReason.UNKNOWN_UNIT,
                    0);
        }
        if (command instanceof UnitCommand.ConfirmHold confirm) {
            return UnitEvent.rejected(
                    confirm.requestId(),
                    confirm.at(),
                    confirm.holdId(),
                    confirm.buyerId(),
                    null,
                    0,
                    RejectionReason.UNKNOWN_UNIT,
                    0);
        }
        if (command instanceof UnitCommand.ReleaseHold release) {
            return UnitEvent.rejected(
                    release.requestId(),
                    release.at(),
                    release.holdId(),
                    release.buyerId(),
                    null,
                    0,
                    RejectionReason.UNKNOWN_UNIT,
                    0);
        }
        UnitCommand.ExpireHold expire = (UnitCommand.ExpireHold) command;
        return UnitEvent.rejected(
                expire.requestId(), expire.at(), expire.holdId(), null, null, 0, RejectionReason.UNKNOWN_UNIT, 0);
    }
}
