package io.onsale.reservations.topology;

import io.onsale.reservations.domain.Unit;
import io.onsale.reservations.domain.UnitEvent;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.reservations.domain.UnitSpec;
import io.onsale.reservations.domain.UnitView;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.SectionCommand;
import io.onsale.schema.reservation.SectionCommandType;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitKind;
import io.onsale.schema.reservation.UnitState;
import java.time.Instant;
import java.util.Collection;

/** Translates between the section allocator's wire records and its plain-Java view. */
final class SectionMapping {

    private SectionMapping() {
    }

    static String sectionKey(UnitKey unit) {
        return sectionKey(unit.eventId(), unit.sectionId());
    }

    static String sectionKey(String eventId, String sectionId) {
        return eventId + "|" + sectionId;
    }

    /** Store key of a unit in the section's view: ordered under its section, so a prefix scan lists the section. */
    static String viewKey(String sectionKey, String unitId) {
        return sectionKey + "|" + unitId;
    }

    /** A unit's counts after a decision; {@code orderId} names the order whose pick the decision answers. */
    static SectionCommand unitChanged(UnitState state, Unit unit, ReservationCommand command, long at) {
        boolean answersPick = command.getType() == ReservationCommandType.HOLD;
        return counts(SectionCommand.newBuilder(), state, unit.held(), unit.sold())
                .setRequestId(command.getRequestId())
                .setType(SectionCommandType.UNIT_CHANGED)
                .setDecidedAt(Instant.ofEpochMilli(at))
                .setOrderId(answersPick ? command.getOrderId() : null)
                .setBuyerId(answersPick ? command.getBuyerId() : null)
                .setHoldId(answersPick ? command.getHoldId() : null)
                .build();
    }

    /** A hold refused: the section answers the order, with alternatives. {@code state} is null for an unknown unit. */
    static SectionCommand unitRejected(UnitKey key, UnitEvent event, ReservationCommand command, UnitState state) {
        SectionCommand.Builder builder = SectionCommand.newBuilder()
                .setEventId(key.eventId()).setSectionId(key.sectionId()).setUnitId(key.unitId());
        if (state != null) {
            Unit unit = AvroMapping.toUnit(state);
            counts(builder, state, unit.held(), unit.sold());
        }
        return builder
                .setRequestId(event.requestId())
                .setType(SectionCommandType.UNIT_REJECTED)
                .setDecidedAt(event.decidedAt())
                .setOrderId(event.orderId()).setBuyerId(event.buyerId()).setHoldId(event.holdId())
                .setQuantity(event.quantity())
                .setOrderQuantity(command.getOrderQuantity() > 0 ? command.getOrderQuantity() : event.quantity())
                .setReason(RejectReason.valueOf(event.reason().name()))
                .build();
    }

    private static SectionCommand.Builder counts(SectionCommand.Builder builder, UnitState state, int held, int sold) {
        var spec = state.getSpec();
        return builder.setEventId(state.getEventId()).setSectionId(state.getSectionId()).setUnitId(state.getUnitId())
                .setKind(spec.getKind()).setRow(spec.getRow()).setNumber(spec.getNumber())
                .setCapacity(spec.getCapacity()).setHeld(held).setSold(sold).setKilled(spec.getKilled())
                .setPriceTier(spec.getPriceTier()).setPriceMinor(spec.getPriceMinor()).setCurrency(spec.getCurrency());
    }

    /** Whether a section command carries a unit's counts (an unknown unit's refusal does not). */
    static boolean hasCounts(SectionCommand command) {
        return command.getUnitId() != null && command.getKind() != UnitKind.UNKNOWN;
    }

    static UnitView newView(SectionCommand command, String holderOrderId) {
        return new UnitView(command.getUnitId(), kind(command.getKind()), command.getRow(), command.getNumber(),
                command.getCapacity(), command.getHeld(), command.getSold(), command.getKilled(),
                command.getPriceTier() == null ? "" : command.getPriceTier(), command.getPriceMinor(), null, 0, null,
                command.getKind() == UnitKind.SEAT && command.getHeld() > 0 ? holderOrderId : null);
    }

    static UnitView toView(UnitAvailability stored) {
        return new UnitView(stored.getUnitId(), kind(stored.getKind()), stored.getRow(), stored.getNumber(), stored.getCapacity(),
                stored.getHeld(), stored.getSold(), stored.getKilled(), stored.getPriceTier(), stored.getPriceMinor(),
                stored.getAllocatedTo(), stored.getAllocatedQuantity(), stored.getAllocatedAt(), stored.getHeldBy());
    }

    static UnitAvailability fromView(UnitView view, String currency) {
        return UnitAvailability.newBuilder()
                .setUnitId(view.unitId()).setKind(view.kind() == UnitSpec.Kind.SEAT ? UnitKind.SEAT : UnitKind.ZONE)
                .setRow(view.row()).setNumber(view.number()).setCapacity(view.capacity()).setHeld(view.held())
                .setSold(view.sold()).setKilled(view.killed()).setPriceTier(view.priceTier()).setPriceMinor(view.priceMinor())
                .setCurrency(currency).setAllocatedTo(view.allocatedTo()).setAllocatedQuantity(view.allocatedQuantity())
                .setAllocatedAt(view.allocatedAt()).setHeldBy(view.heldBy())
                .build();
    }

    static SectionSummary summary(String eventId, String sectionId, Collection<UnitView> units, String currency, Instant at) {
        UnitView any = units.iterator().next();
        int capacity = 0;
        int available = 0;
        int held = 0;
        int sold = 0;
        int killed = 0;
        for (UnitView unit : units) {
            capacity += unit.capacity();
            held += unit.held();
            sold += unit.sold();
            if (unit.killed()) {
                killed += unit.capacity();
            } else {
                available += Math.max(0, unit.capacity() - unit.held() - unit.sold());
            }
        }
        return SectionSummary.newBuilder()
                .setEventId(eventId).setSectionId(sectionId)
                .setKind(any.kind() == UnitSpec.Kind.SEAT ? UnitKind.SEAT : UnitKind.ZONE)
                .setPriceTier(any.priceTier()).setPriceMinor(any.priceMinor()).setCurrency(currency)
                .setUnits(units.size()).setCapacity(capacity).setAvailable(available).setHeld(held).setSold(sold)
                .setKilled(killed).setUpdatedAt(at)
                .build();
    }

    static UnitSpec.Kind kind(UnitKind kind) {
        return switch (kind) {
            case SEAT -> UnitSpec.Kind.SEAT;
            case ZONE -> UnitSpec.Kind.ZONE;
            case UNKNOWN -> throw new IllegalArgumentException("unit kind unknown to this version");
        };
    }
}
