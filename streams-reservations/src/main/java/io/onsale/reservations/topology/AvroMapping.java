package io.onsale.reservations.topology;

import io.onsale.reservations.domain.Hold;
import io.onsale.reservations.domain.OrderRules;
import io.onsale.reservations.domain.RejectionReason;
import io.onsale.reservations.domain.Releaser;
import io.onsale.reservations.domain.Sale;
import io.onsale.reservations.domain.Unit;
import io.onsale.reservations.domain.UnitCommand;
import io.onsale.reservations.domain.UnitEvent;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import io.onsale.schema.reservation.UnitHold;
import io.onsale.schema.reservation.UnitReleaser;
import io.onsale.schema.reservation.UnitSale;
import io.onsale.schema.reservation.UnitState;
import java.time.Duration;
import java.time.Instant;

/** Translates between the wire records and the plain-Java domain of the unit decider. */
final class AvroMapping {

    private AvroMapping() {}

    /** @throws IllegalArgumentException for a command that lacks what its type needs (it goes to the dead-letter topic) */
    static UnitCommand toCommand(ReservationCommand command, Instant at) {
        return switch (command.getType()) {
            case CONFIGURE ->
                new UnitCommand.Configure(
                        command.getRequestId(), at, toSpec(required(command.getSpec(), "spec", command)));
            case HOLD ->
                new UnitCommand.PlaceHold(
                        command.getRequestId(),
                        at,
                        required(command.getHoldId(), "holdId", command),
                        required(command.getBuyerId(), "buyerId", command),
                        command.getOrderId(),
                        command.getQuantity());
            case CONFIRM ->
                new UnitCommand.ConfirmHold(
                        command.getRequestId(),
                        at,
                        required(command.getHoldId(), "holdId", command),
                        required(command.getBuyerId(), "buyerId", command));
            case RELEASE ->
                new UnitCommand.ReleaseHold(
                        command.getRequestId(),
                        at,
                        required(command.getHoldId(), "holdId", command),
                        required(command.getBuyerId(), "buyerId", command),
                        command.getGivenUp());
            case EXPIRE ->
                new UnitCommand.ExpireHold(
                        command.getRequestId(), at, required(command.getHoldId(), "holdId", command));
            case UNKNOWN ->
                throw new IllegalArgumentException(
                        "reservation command " + command.getRequestId() + " has a type this version does not know");
        };
    }

    static UnitKey keyOf(ReservationCommand command) {
        return new UnitKey(command.getEventId(), command.getSectionId(), command.getUnitId());
    }

    static io.onsale.reservations.domain.UnitSpec toSpec(io.onsale.schema.reservation.UnitSpec spec) {
        io.onsale.reservations.domain.UnitSpec.Kind kind = switch (spec.getKind()) {
            case SEAT -> io.onsale.reservations.domain.UnitSpec.Kind.SEAT;
            case ZONE -> io.onsale.reservations.domain.UnitSpec.Kind.ZONE;
            case UNKNOWN -> throw new IllegalArgumentException("unit kind unknown to this version");
        };
        return new io.onsale.reservations.domain.UnitSpec(
                kind,
                spec.getCapacity(),
                spec.getPriceTier(),
                spec.getPriceMinor(),
                spec.getCurrency(),
                Duration.ofMinutes(spec.getHoldWindowMinutes()),
                spec.getSaleOpensAt(),
                spec.getKilled());
    }

    static Unit toUnit(UnitState state) {
        return new Unit(
                new UnitKey(state.getEventId(), state.getSectionId(), state.getUnitId()),
                toSpec(state.getSpec()),
                state.getHolds().stream()
                        .map(hold -> new Hold(
                                hold.getHoldId(),
                                hold.getRequestId(),
                                hold.getBuyerId(),
                                hold.getOrderId(),
                                hold.getQuantity(),
                                hold.getExpiresAt()))
                        .toList(),
                state.getSales().stream()
                        .map(sale ->
                                new Sale(sale.getHoldId(), sale.getBuyerId(), sale.getOrderId(), sale.getQuantity()))
                        .toList(),
                state.getReleasers().stream()
                        .map(releaser -> new Releaser(releaser.getBuyerId(), releaser.getReleasedAt()))
                        .toList());
    }

    /** Keeps the wire-only parts of the previous state (seat row and number) that the domain does not model. */
    static UnitState fromUnit(Unit unit, io.onsale.schema.reservation.UnitSpec configured) {
        return UnitState.newBuilder()
                .setEventId(unit.key().eventId())
                .setSectionId(unit.key().sectionId())
                .setUnitId(unit.key().unitId())
                .setSpec(configured)
                .setHolds(unit.holds().stream()
                        .map(hold -> UnitHold.newBuilder()
                                .setHoldId(hold.holdId())
                                .setRequestId(hold.requestId())
                                .setBuyerId(hold.buyerId())
                                .setOrderId(hold.orderId())
                                .setQuantity(hold.quantity())
                                .setExpiresAt(hold.expiresAt())
                                .build())
                        .toList())
                .setSales(unit.sales().stream()
                        .map(sale -> UnitSale.newBuilder()
                                .setHoldId(sale.holdId())
                                .setBuyerId(sale.buyerId())
                                .setOrderId(sale.orderId())
                                .setQuantity(sale.quantity())
                                .build())
                        .toList())
                .setReleasers(unit.releasers().stream()
                        .map(releaser -> UnitReleaser.newBuilder()
                                .setBuyerId(releaser.buyerId())
                                .setReleasedAt(releaser.releasedAt())
                                .build())
                        .toList())
                .build();
    }

    static ReservationEvent toEvent(UnitKey key, UnitEvent event, io.onsale.reservations.domain.UnitSpec spec) {
        return ReservationEvent.newBuilder()
                .setRequestId(event.requestId())
                .setType(ReservationEventType.valueOf(event.type().name()))
                .setEventId(key.eventId())
                .setSectionId(key.sectionId())
                .setUnitId(key.unitId())
                .setDecidedAt(event.decidedAt())
                .setHoldId(event.holdId())
                .setBuyerId(event.buyerId())
                .setOrderId(event.orderId())
                .setQuantity(event.quantity())
                .setHoldExpiresAt(event.holdExpiresAt())
                .setReason(event.reason() == null ? null : toReason(event.reason()))
                .setAvailable(event.available())
                .setPriceMinor(spec == null ? 0 : spec.priceMinor())
                .setCurrency(spec == null ? OrderRules.DEFAULT_CURRENCY : spec.currency())
                .build();
    }

    private static RejectReason toReason(RejectionReason reason) {
        return RejectReason.valueOf(reason.name());
    }

    private static <T> T required(T value, String field, ReservationCommand command) {
        if (value == null) {
            throw new IllegalArgumentException("reservation command " + command.getRequestId() + " of type "
                    + command.getType() + " lacks " + field);
        }
        return value;
    }
}
