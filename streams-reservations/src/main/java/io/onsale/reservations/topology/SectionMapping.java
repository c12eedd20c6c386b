package io.onsale.reservations.topology;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.domain.Unit;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.reservations.domain.UnitSpec;
import io.onsale.reservations.domain.UnitView;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitKind;
import io.onsale.schema.reservation.UnitState;
import java.time.Instant;
import java.util.Collection;

/** Translates between the section allocator's wire records and its plain-Java view. */
final class SectionMapping {

    private SectionMapping() {}

    static String sectionKey(UnitKey unit) {
        return sectionKey(unit.eventId(), unit.sectionId());
    }

    static String sectionKey(String eventId, String sectionId) {
        return PartitionKeys.section(eventId, sectionId);
    }

    /** Store key of a unit in the section's view: ordered under its section, so a prefix scan lists the section. */
    static String viewKey(String sectionKey, String unitId) {
        return PartitionKeys.under(sectionKey) + unitId;
    }

    /** A unit the section has not seen before, as it stands after its first decision. */
    static UnitView newView(UnitState state, Unit unit, String holderOrderId) {
        var spec = state.getSpec();
        boolean heldByHolder =
                holderOrderId != null && unit.holds().stream().anyMatch(hold -> holderOrderId.equals(hold.orderId()));
        return new UnitView(
                state.getUnitId(),
                kind(spec.getKind()),
                spec.getRow(),
                spec.getNumber(),
                spec.getCapacity(),
                unit.held(),
                unit.sold(),
                spec.getKilled(),
                spec.getPriceTier() == null ? "" : spec.getPriceTier(),
                spec.getPriceMinor(),
                null,
                0,
                null,
                spec.getKind() == UnitKind.SEAT && unit.held() > 0 && heldByHolder ? holderOrderId : null);
    }

    static UnitView toView(UnitAvailability stored) {
        return new UnitView(
                stored.getUnitId(),
                kind(stored.getKind()),
                stored.getRow(),
                stored.getNumber(),
                stored.getCapacity(),
                stored.getHeld(),
                stored.getSold(),
                stored.getKilled(),
                stored.getPriceTier(),
                stored.getPriceMinor(),
                stored.getAllocatedTo(),
                stored.getAllocatedQuantity(),
                stored.getAllocatedAt(),
                stored.getHeldBy());
    }

    static UnitAvailability fromView(UnitView view, String currency) {
        return UnitAvailability.newBuilder()
                .setUnitId(view.unitId())
                .setKind(view.kind() == UnitSpec.Kind.SEAT ? UnitKind.SEAT : UnitKind.ZONE)
                .setRow(view.row())
                .setNumber(view.number())
                .setCapacity(view.capacity())
                .setHeld(view.held())
                .setSold(view.sold())
                .setKilled(view.killed())
                .setPriceTier(view.priceTier())
                .setPriceMinor(view.priceMinor())
                .setCurrency(currency)
                .setAllocatedTo(view.allocatedTo())
                .setAllocatedQuantity(view.allocatedQuantity())
                .setAllocatedAt(view.allocatedAt())
                .setHeldBy(view.heldBy())
                .build();
    }

    static SectionSummary summary(
            String eventId, String sectionId, Collection<UnitView> units, String currency, Instant at) {
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
                .setEventId(eventId)
                .setSectionId(sectionId)
                .setKind(any.kind() == UnitSpec.Kind.SEAT ? UnitKind.SEAT : UnitKind.ZONE)
                .setPriceTier(any.priceTier())
                .setPriceMinor(any.priceMinor())
                .setCurrency(currency)
                .setUnits(units.size())
                .setCapacity(capacity)
                .setAvailable(available)
                .setHeld(held)
                .setSold(sold)
                .setKilled(killed)
                .setUpdatedAt(at)
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
