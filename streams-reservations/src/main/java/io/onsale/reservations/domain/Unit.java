package io.onsale.reservations.domain;

import java.util.List;
import java.util.Optional;

/** The state of one unit: its configuration, its live holds and its sales. Immutable. */
public record Unit(UnitKey key, UnitSpec spec, List<Hold> holds, List<Sale> sales) {

    public Unit {
        holds = List.copyOf(holds);
        sales = List.copyOf(sales);
    }

    public static Unit configured(UnitKey key, UnitSpec spec) {
        return new Unit(key, spec, List.of(), List.of());
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
        return new Unit(key, newSpec, holds, sales);
    }

    Unit withHolds(List<Hold> newHolds) {
        return new Unit(key, spec, newHolds, sales);
    }

    Unit withSales(List<Sale> newSales) {
        return new Unit(key, spec, holds, newSales);
    }
}
