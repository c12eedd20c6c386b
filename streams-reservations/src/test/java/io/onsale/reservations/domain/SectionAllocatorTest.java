package io.onsale.reservations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SectionAllocatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:05Z");

    private final SectionAllocator allocator = new SectionAllocator();

    @Test
    void bestAvailableTakesTheFirstContiguousRunInTheFrontmostRow() {
        List<UnitView> seats = rows(3, 6, "1-2", "1-5");

        assertThat(picked(allocator.pick(seats, 2, Set.of(), NOW))).containsExactly("1-3", "1-4");
        assertThat(picked(allocator.pick(seats, 3, Set.of(), NOW))).containsExactly("2-1", "2-2", "2-3");
    }

    @Test
    void withoutAContiguousRunItTakesTheTightestGroupInOneRowThenTheBestSeatsAnywhere() {
        List<UnitView> gappy = rows(2, 5, "1-2", "1-4", "2-2", "2-3", "2-4");

        assertThat(picked(allocator.pick(gappy, 3, Set.of(), NOW))).containsExactly("1-1", "1-3", "1-5");
        assertThat(picked(allocator.pick(gappy, 4, Set.of(), NOW))).containsExactly("1-1", "1-3", "1-5", "2-1");
        assertThat(allocator.pick(gappy, 6, Set.of(), NOW)).isEmpty();
    }

    @Test
    void excludedSeatsAndSeatsPickedForAnotherOrderAreNotHandedOut() {
        List<UnitView> seats = new ArrayList<>(rows(1, 4));
        seats.set(0, seats.get(0).allocated("other-order", 1, NOW.minusSeconds(1)));

        assertThat(picked(allocator.pick(seats, 2, Set.of("1-2"), NOW))).containsExactly("1-3", "1-4");
    }

    @Test
    void seatsTheOrderIsGivingBackAreFreeForItsNextPick() {
        List<UnitView> seats = rows(1, 3, "1-1", "1-2");

        assertThat(allocator.pick(seats, 2, Set.of(), NOW)).isEmpty();
        assertThat(picked(allocator.pick(seats, 2, Set.of(), Set.of("1-2"), "o1", NOW)))
                .containsExactly("1-2", "1-3");
    }

    @Test
    void seatsTheOrderHoldsOrWasHandedAreFreeForItsNextPickButNotForAnyoneElse() {
        List<UnitView> seats = new ArrayList<>(rows(1, 3, "1-1"));
        seats.set(0, seats.get(0).decided(1, 1, 0, false, "o1", "o1"));
        seats.set(1, seats.get(1).allocated("o1", 1, NOW.minusSeconds(1)));

        assertThat(picked(allocator.pick(seats, 3, Set.of(), Set.of(), "o1", NOW)))
                .containsExactly("1-1", "1-2", "1-3");
        assertThat(allocator.pick(seats, 2, Set.of(), Set.of(), "o2", NOW)).isEmpty();
    }

    @Test
    void aRefusalForgetsTheHolderItNamedAndAReleaseForgetsAnyHolder() {
        UnitView held = seat("1-1", "1", 1).decided(1, 1, 0, false, "o1", "o1");

        assertThat(held.ownSeatOf("o1")).isTrue();
        assertThat(held.decided(1, 1, 0, false, "o1", null).ownSeatOf("o1")).isFalse();
        assertThat(held.decided(1, 1, 0, false, "o2", null).heldBy()).isEqualTo("o1");
        assertThat(held.decided(1, 0, 0, false, null, null).heldBy()).isNull();
        assertThat(held.decided(1, 0, 1, false, null, null).ownSeatOf("o1")).isFalse();
    }

    @Test
    void aPickWhoseDecisionNeverCameBackStopsBlockingTheSeat() {
        List<UnitView> seats = new ArrayList<>(rows(1, 1));
        seats.set(
                0,
                seats.get(0)
                        .allocated(
                                "lost-order",
                                1,
                                NOW.minus(UnitView.ALLOCATION_TIMEOUT).minusSeconds(1)));

        assertThat(picked(allocator.pick(seats, 1, Set.of(), NOW))).containsExactly("1-1");
    }

    @Test
    void rowsAreOrderedNaturally() {
        List<UnitView> seats = List.of(seat("10-1", "10", 1), seat("2-1", "2", 1), seat("B-1", "B", 1));

        assertThat(picked(allocator.pick(seats, 1, Set.of(), NOW))).containsExactly("2-1");
        assertThat(SectionAllocator.naturally("9", "10")).isNegative();
        assertThat(SectionAllocator.naturally("10", "B")).isNegative();
    }

    @Test
    void generalAdmissionGoesToTheZoneWithTheMostRoomAndIsNeverSplit() {
        List<UnitView> zones = List.of(zone("Z1", 10, 7), zone("Z2", 10, 2), zone("Z3", 10, 5));

        assertThat(allocator.pick(zones, 4, Set.of(), NOW))
                .hasValueSatisfying(picks -> assertThat(picks).containsExactly(new SectionAllocator.Pick("Z1", 4)));
        assertThat(allocator.pick(zones, 9, Set.of(), NOW)).isEmpty();
    }

    @Test
    void theLoserIsOfferedTheNearestFreeRunsOfTheSameSizeInTheSameSection() {
        List<UnitView> seats = rows(3, 6, "1-3", "1-4", "1-1", "2-4");

        List<Alternative> offered = allocator.alternatives("A", seats, "1-3", 2, Set.of(), NOW, List.of());

        assertThat(offered).hasSizeBetween(1, SectionAllocator.MAX_ALTERNATIVES);
        assertThat(offered.get(0).unitIds()).containsExactly("1-5", "1-6");
        assertThat(offered).allSatisfy(alternative -> {
            assertThat(alternative.sectionId()).isEqualTo("A");
            assertThat(alternative.unitIds()).hasSize(2).doesNotContain("1-3", "1-4");
        });
    }

    @Test
    void aSoldOutSectionOffersOtherSectionsSameTierFirstThenTheNearestPrice() {
        List<UnitView> seats = rows(1, 2, "1-1", "1-2");
        List<SectionOverview> others = List.of(
                new SectionOverview("CHEAP", UnitSpec.Kind.SEAT, "T3", 2_000, 50),
                new SectionOverview("NEXT", UnitSpec.Kind.SEAT, "T2", 8_000, 50),
                new SectionOverview("TWIN", UnitSpec.Kind.SEAT, "T1", 9_900, 10),
                new SectionOverview("FULL", UnitSpec.Kind.SEAT, "T1", 9_900, 1),
                new SectionOverview("FLOOR", UnitSpec.Kind.ZONE, "GA", 4_500, 300));

        List<Alternative> offered = allocator.alternatives("A", seats, "1-1", 2, Set.of(), NOW, others);

        assertThat(offered).extracting(Alternative::sectionId).containsExactly("TWIN", "NEXT", "FLOOR");
        assertThat(offered)
                .allSatisfy(alternative -> assertThat(alternative.quantity()).isEqualTo(2));
    }

    private static List<String> picked(java.util.Optional<List<SectionAllocator.Pick>> picks) {
        return picks.orElseThrow().stream().map(SectionAllocator.Pick::unitId).toList();
    }

    /** Seats "row-number" in {@code rows} rows; the listed ones are held by someone. */
    private static List<UnitView> rows(int rows, int perRow, String... held) {
        Set<String> taken = Set.of(held);
        List<UnitView> seats = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            for (int number = 1; number <= perRow; number++) {
                String id = row + "-" + number;
                UnitView seat = seat(id, Integer.toString(row), number);
                seats.add(taken.contains(id) ? seat.decided(1, 1, 0, false, null, "someone") : seat);
            }
        }
        return seats;
    }

    private static UnitView seat(String id, String row, int number) {
        return new UnitView(id, UnitSpec.Kind.SEAT, row, number, 1, 0, 0, false, "T1", 9_900, null, 0, null, null);
    }

    private static UnitView zone(String id, int capacity, int free) {
        return new UnitView(
                id,
                UnitSpec.Kind.ZONE,
                null,
                null,
                capacity,
                capacity - free,
                0,
                false,
                "GA",
                4_500,
                null,
                0,
                null,
                null);
    }
}
