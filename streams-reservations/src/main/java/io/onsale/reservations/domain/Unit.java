package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of one unit: its configuration, its live holds and its sales, and for a seat the buyers who recently gave
 * a hold of it up ({@link ReleasePolicy}). Immutable.
 */
public record Unit(UnitKey key, UnitSpec spec, List<Hold> holds, List<Sale> sales, List<Releaser> releasers) {

    public Unit {
        holds = List.copyOf(holds);
        sales = List.copyOf(sales);
        releasers = List.copyOf(releasers);
    }

    public static Unit configured(UnitKey key, UnitSpec spec) {
        return new Unit(key, spec, List.of(), List.of(), List.of());
    }

    public int held() {
        return holds.stream().mapToInt(Hold::quantity).sum();
    }

    public int sold() {
        return sales.stream().mapToInt(Sale::quantity).sum();
    }

    /** What can still be held; a killed unit has nothing available. Never negative. */
    public int available() {
        return spec.killed() ? 0 : Math.max(0, spec.capacity() - held() - sold());
    }

    public Optional<Hold> hold(String holdId) {
        return holds.stream().filter(hold -> hold.holdId().equals(holdId)).findFirst();
    }

    public Optional<Sale> sale(String holdId) {
        return sales.stream().filter(sale -> sale.holdId().equals(holdId)).findFirst();
    }

    Unit withSpec(UnitSpec newSpec) {
        return new Unit(key, newSpec, holds, sales, releasers);
    }

    Unit withHolds(List<Hold> newHolds) {
        return new Unit(key, spec, newHolds, sales, releasers);
    }

    Unit withSales(List<Sale> newSales) {
        return new Unit(key, spec, holds, newSales, releasers);
    }

    /**
     * {@code hold} was given up by its buyer (cancelled, or expired) at {@code at}: a seat remembers the buyer, who may not
     * hold it again for {@link ReleasePolicy#SEAT_COOLDOWN}. A zone remembers nobody (ADR 0018).
     */
    Unit givenUpBy(Hold hold, Instant at) {
        if (spec.kind() != UnitSpec.Kind.SEAT) {
            return this;
        }
        return new Unit(key, spec, holds, sales, ReleasePolicy.rememberReleaser(releasers, hold.buyerId(), at));
    }
}
