package io.onsale.reservations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link SectionAllocator} on the whole section is the specification of {@link SectionIndex}: for random sections
 * (rows in mixed spellings, gaps, repeated and far-apart numbers, seats held, sold, killed, picked a moment or long
 * ago, held by the asking order) and after every random change, the index picks and offers exactly what the
 * allocator does.
 */
class SectionIndexPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<String> ORDERS = List.of("o1", "o2", "o3");
    private static final List<SectionOverview> OTHERS = List.of(
            new SectionOverview("B", UnitSpec.Kind.SEAT, "T1", 9_900, 4),
            new SectionOverview("C", UnitSpec.Kind.ZONE, "T2", 4_500, 100),
            new SectionOverview("D", UnitSpec.Kind.SEAT, "T2", 12_000, 1));

    private final SectionAllocator allocator = new SectionAllocator();

    @Property(tries = 400)
    void indexAnswersAsTheAllocatorOnTheWholeSectionThroughRandomChanges(@ForAll long seed) {
        Random random = new Random(seed);
        Map<String, UnitView> section = randomSection(random);
        SectionIndex index = SectionIndex.of(section.values());
        for (int change = 0; change <= 40; change++) {
            List<UnitView> view = inSeatOrder(section);
            for (int query = 0; query < 4; query++) {
                assertSameAnswers(random, index, view, "seed " + seed + ", change " + change);
            }
            UnitView changed = change(random, section);
            section.put(changed.unitId(), changed);
            index.put(changed);
        }
    }

    private void assertSameAnswers(Random random, SectionIndex index, List<UnitView> view, String when) {
        Instant now = NOW.plusSeconds(random.nextInt(61) - 30);
        int quantity = random.nextInt(8) - 1;
        String orderId = random.nextInt(4) == 0 ? null : ORDERS.get(random.nextInt(ORDERS.size()));
        Set<String> excluded = someOf(random, view);
        Set<String> reusable = someOf(random, view);
        String lost = view.isEmpty() || random.nextInt(10) == 0
                ? "no-such-seat"
                : view.get(random.nextInt(view.size())).unitId();
        var expectedPick = allocator.pick(view, quantity, excluded, reusable, orderId, now);
        assertThat(index.pick(quantity, excluded, reusable, orderId, now))
                .as("pick, " + when)
                .isEqualTo(expectedPick);
        assertThat(index.alternatives("A", lost, quantity, excluded, now, OTHERS))
                .as("alternatives, " + when)
                .isEqualTo(allocator.alternatives("A", view, lost, quantity, excluded, now, OTHERS));
        assertThat(index.anyFree(now))
                .as("any free, " + when)
                .isEqualTo(view.stream().anyMatch(unit -> unit.free(now) > 0));
        assertThat(index.isEmpty()).isEqualTo(view.isEmpty());
        Statistics.label("pick").collect(expectedPick.isEmpty() ? "none" : "picked");
    }

    private static Map<String, UnitView> randomSection(Random random) {
        Map<String, UnitView> section = new LinkedHashMap<>();
        boolean zones = random.nextInt(12) == 0;
        List<String> rowNames = new ArrayList<>(List.of("1", "2", "3", "10", "A", "B", "AA", ""));
        if (random.nextInt(15) == 0) {
            rowNames.add("02"); // the allocator keeps it apart from "2"; the index must notice
        }
        int rows = 1 + random.nextInt(6);
        for (int row = 0; row < rows; row++) {
            String name = rowNames.get(random.nextInt(rowNames.size()));
            int number = firstNumber(random);
            int seats = random.nextInt(15);
            for (int seat = 0; seat < seats; seat++) {
                number += random.nextInt(10) == 0
                        ? 0
                        : random.nextInt(6) == 0 ? 2 + random.nextInt(3) : random.nextInt(30) == 0 ? 10_000 : 1;
                String id = "u" + section.size();
                Integer at = random.nextInt(40) == 0 ? null : number;
                UnitView unit = zones && random.nextBoolean()
                        ? new UnitView(
                                id, UnitSpec.Kind.ZONE, null, null, 5, 0, 0, false, "GA", 4_500, null, 0, null, null)
                        : new UnitView(
                                id,
                                UnitSpec.Kind.SEAT,
                                name.isEmpty() && random.nextBoolean() ? null : name,
                                at,
                                1,
                                0,
                                0,
                                false,
                                "T" + (1 + random.nextInt(2)),
                                9_900,
                                null,
                                0,
                                null,
                                null);
                section.put(id, randomState(random, unit));
            }
        }
        return section;
    }

    /** Mostly small; now and then far enough that a seat in the same row is farther than the next row's. */
    private static int firstNumber(Random random) {
        return switch (random.nextInt(30)) {
            case 0, 1, 2 -> 9_990 + random.nextInt(20);
            case 3 -> -5;
            case 4 -> Integer.MAX_VALUE - 30;
            default -> random.nextInt(4);
        };
    }

    /** A random change: a new state of a unit, a new unit now and then, rarely a seat that moves. */
    private static UnitView change(Random random, Map<String, UnitView> section) {
        List<UnitView> units = new ArrayList<>(section.values());
        if (units.isEmpty() || random.nextInt(20) == 0) {
            String id = "n" + section.size();
            return randomState(
                    random,
                    new UnitView(
                            id,
                            UnitSpec.Kind.SEAT,
                            String.valueOf(1 + random.nextInt(3)),
                            random.nextInt(20),
                            1,
                            0,
                            0,
                            false,
                            "T1",
                            9_900,
                            null,
                            0,
                            null,
                            null));
        }
        UnitView unit = units.get(random.nextInt(units.size()));
        if (random.nextInt(40) == 0 && unit.kind() == UnitSpec.Kind.SEAT) {
            unit = new UnitView(
                    unit.unitId(),
                    unit.kind(),
                    "B",
                    random.nextInt(20),
                    1,
                    0,
                    0,
                    false,
                    unit.priceTier(),
                    unit.priceMinor(),
                    null,
                    0,
                    null,
                    null);
        }
        return randomState(random, unit);
    }

    private static UnitView randomState(Random random, UnitView unit) {
        String order = ORDERS.get(random.nextInt(ORDERS.size()));
        int capacity = unit.capacity();
        UnitView decided = switch (random.nextInt(8)) {
            case 0, 1, 2 -> unit.decided(capacity, 0, 0, false, null, null);
            case 3 -> unit.decided(capacity, capacity, 0, false, null, order);
            case 4 -> unit.decided(capacity, 0, capacity, false, null, null);
            case 5 -> unit.decided(capacity, 0, 0, true, null, null);
            case 6 -> unit.decided(capacity, capacity, 0, random.nextInt(4) == 0, null, order);
            default -> unit.decided(capacity, random.nextInt(capacity + 1), 0, false, null, null);
        };
        if (random.nextInt(3) == 0) {
            Duration ago = UnitView.ALLOCATION_TIMEOUT.plusSeconds(random.nextInt(61) - 30);
            decided = decided.allocated(ORDERS.get(random.nextInt(ORDERS.size())), random.nextInt(3), NOW.minus(ago));
        }
        return decided;
    }

    private static Set<String> someOf(Random random, List<UnitView> view) {
        Set<String> some = new HashSet<>();
        int count = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
        for (int i = 0; i < count && !view.isEmpty(); i++) {
            some.add(view.get(random.nextInt(view.size())).unitId());
        }
        return some;
    }

    /** As the section processor keeps a section: every unit in seat order. */
    private static List<UnitView> inSeatOrder(Map<String, UnitView> section) {
        List<UnitView> ordered = new ArrayList<>(section.values());
        ordered.sort(SectionAllocator.SEAT_ORDER);
        return ordered;
    }
}
