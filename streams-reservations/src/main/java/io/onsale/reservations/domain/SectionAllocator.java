package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks seats for best-available orders and finds alternatives for buyers who lost a race, from one section's
 * view of its units. Pure. Rows are ordered naturally (row "2" before "10"), front rows first; within a row
 * seats are ordered by number and "contiguous" means consecutive numbers.
 */
public final class SectionAllocator {

    /** How many alternatives a rejected buyer is offered at most. */
    public static final int MAX_ALTERNATIVES = 3;

    public record Pick(String unitId, int quantity) {}

    /**
     * Front rows first, then seat numbers: the order picks and alternatives walk a section in. Callers that keep a
     * section's units in this order make every call linear instead of a sort.
     */
    public static final Comparator<UnitView> SEAT_ORDER = Comparator.comparing(
                    (UnitView seat) -> seat.row() == null ? "" : seat.row(), SectionAllocator::naturally)
            .thenComparingInt(SectionAllocator::number)
            .thenComparing(UnitView::unitId);

    /**
     * {@code quantity} tickets: for seats the first contiguous run in the best row, else the tightest group in
     * one row, else the best seats wherever they are; for zones the zone with the most room. Empty when the
     * section does not have them.
     */
    public Optional<List<Pick>> pick(List<UnitView> units, int quantity, Set<String> excluded, Instant now) {
        return pick(units, quantity, excluded, Set.of(), null, now);
    }

    /**
     * As above, for order {@code orderId}: seats it holds or was handed ({@link UnitView#ownSeatOf}) and the
     * {@code reusable} seats it says it gave back from an earlier attempt are free for it, although the section
     * may not have heard of the hold or the release yet.
     */
    public Optional<List<Pick>> pick(
            List<UnitView> units,
            int quantity,
            Set<String> excluded,
            Set<String> reusable,
            String orderId,
            Instant now) {
        List<UnitView> candidates = units.stream()
                .filter(unit -> !excluded.contains(unit.unitId()))
                .filter(unit -> unit.free(now) > 0
                        || unit.ownSeatOf(orderId)
                        || reusable.contains(unit.unitId()) && unit.reusableSeat())
                .toList();
        if (candidates.isEmpty() || quantity < 1) {
            return Optional.empty();
        }
        if (candidates.get(0).kind() == UnitSpec.Kind.ZONE) {
            return candidates.stream()
                    .filter(zone -> zone.free(now) >= quantity)
                    .max(Comparator.comparingInt((UnitView zone) -> zone.free(now))
                            .thenComparing(UnitView::unitId, Comparator.reverseOrder()))
                    .map(zone -> List.of(new Pick(zone.unitId(), quantity)));
        }
        if (candidates.size() < quantity) {
            return Optional.empty();
        }
        Map<String, List<UnitView>> rows = byRow(candidates);
        for (List<UnitView> row : rows.values()) {
            List<UnitView> run = firstRun(row, quantity);
            if (run != null) {
                return Optional.of(picks(run));
            }
        }
        List<UnitView> tightest = null;
        for (List<UnitView> row : rows.values()) {
            for (int i = 0; i + quantity <= row.size(); i++) {
                List<UnitView> group = row.subList(i, i + quantity);
                if (tightest == null || span(group) < span(tightest)) {
                    tightest = group;
                }
            }
        }
        if (tightest != null) {
            return Optional.of(picks(tightest));
        }
        List<UnitView> best =
                rows.values().stream().flatMap(List::stream).limit(quantity).toList();
        return Optional.of(picks(best));
    }

    /**
     * What to offer someone who wanted {@code quantity} tickets near {@code lostUnitId}: the nearest free runs
     * in this section, else other sections, same price tier first, then the nearest price, reserved before
     * general admission.
     */
    public List<Alternative> alternatives(
            String sectionId,
            List<UnitView> units,
            String lostUnitId,
            int quantity,
            Set<String> excluded,
            Instant now,
            List<SectionOverview> others) {
        int wanted = Math.max(1, quantity);
        List<Alternative> offered = sameSection(sectionId, units, lostUnitId, wanted, excluded, now);
        if (!offered.isEmpty()) {
            return offered;
        }
        return elsewhere(sectionId, units.isEmpty() ? null : units.get(0), wanted, others);
    }

    /** Other sections for {@code wanted} tickets, nearest to {@code reference} (the section's first unit) first. */
    List<Alternative> elsewhere(String sectionId, UnitView reference, int wanted, List<SectionOverview> others) {
        String tier = reference == null ? "" : reference.priceTier();
        long price = reference == null ? 0 : reference.priceMinor();
        return others.stream()
                .filter(other -> !other.sectionId().equals(sectionId) && other.available() >= wanted)
                .sorted(Comparator.comparingInt(
                                (SectionOverview other) -> other.priceTier().equals(tier) ? 0 : 1)
                        .thenComparingLong(other -> Math.abs(other.priceMinor() - price))
                        .thenComparingInt(other -> other.kind() == UnitSpec.Kind.SEAT ? 0 : 1)
                        .thenComparing(SectionOverview::sectionId))
                .limit(MAX_ALTERNATIVES)
                .map(other -> new Alternative(other.sectionId(), List.of(), wanted, other.priceMinor()))
                .toList();
    }

    private List<Alternative> sameSection(
            String sectionId,
            List<UnitView> units,
            String lostUnitId,
            int quantity,
            Set<String> excluded,
            Instant now) {
        List<UnitView> free = units.stream()
                .filter(unit ->
                        !excluded.contains(unit.unitId()) && !unit.unitId().equals(lostUnitId))
                .filter(unit -> unit.free(now) > 0)
                .toList();
        if (free.isEmpty()) {
            return List.of();
        }
        if (free.get(0).kind() == UnitSpec.Kind.ZONE) {
            return free.stream()
                    .filter(zone -> zone.free(now) >= quantity)
                    .sorted(Comparator.comparingInt((UnitView zone) -> -zone.free(now))
                            .thenComparing(UnitView::unitId))
                    .limit(MAX_ALTERNATIVES)
                    .map(zone -> new Alternative(sectionId, List.of(zone.unitId()), quantity, zone.priceMinor()))
                    .toList();
        }
        Map<String, Integer> rowOrder = new HashMap<>();
        for (String row : byRow(units).keySet()) {
            rowOrder.put(row, rowOrder.size());
        }
        UnitView lost = units.stream()
                .filter(unit -> unit.unitId().equals(lostUnitId))
                .findFirst()
                .orElse(null);
        Map<String, List<UnitView>> rows = byRow(free);
        List<List<UnitView>> runs = new ArrayList<>();
        for (List<UnitView> row : rows.values()) {
            for (int i = 0; i + quantity <= row.size(); i++) {
                List<UnitView> group = row.subList(i, i + quantity);
                if (span(group) == quantity - 1) {
                    runs.add(group);
                }
            }
        }
        if (runs.isEmpty()) {
            return pick(free, quantity, Set.of(), now)
                    .map(picks -> List.of(alternativeOf(sectionId, free, picks)))
                    .orElse(List.of());
        }
        Comparator<List<UnitView>> nearest = Comparator.comparingLong(run -> distance(run, lost, rowOrder));
        List<Alternative> offered = new ArrayList<>();
        List<List<UnitView>> sorted = runs.stream().sorted(nearest).toList();
        List<String> taken = new ArrayList<>();
        for (List<UnitView> run : sorted) {
            if (run.stream().anyMatch(unit -> taken.contains(unit.unitId()))) {
                continue; // overlapping runs are the same offer twice
            }
            run.forEach(unit -> taken.add(unit.unitId()));
            offered.add(new Alternative(
                    sectionId,
                    run.stream().map(UnitView::unitId).toList(),
                    quantity,
                    run.get(0).priceMinor()));
            if (offered.size() == MAX_ALTERNATIVES) {
                break;
            }
        }
        return offered;
    }

    private static Alternative alternativeOf(String sectionId, List<UnitView> units, List<Pick> picks) {
        long price = units.get(0).priceMinor();
        return new Alternative(
                sectionId,
                picks.stream().map(Pick::unitId).toList(),
                picks.stream().mapToInt(Pick::quantity).sum(),
                price);
    }

    private static long distance(List<UnitView> run, UnitView lost, Map<String, Integer> rowOrder) {
        if (lost == null) {
            return rowIndex(rowOrder, run.get(0)) * 10_000L + number(run.get(0));
        }
        long rows = Math.abs(rowIndex(rowOrder, run.get(0)) - rowIndex(rowOrder, lost));
        long seats = Math.abs((number(run.get(0)) + number(run.get(run.size() - 1))) / 2 - number(lost));
        return rows * 10_000L + seats;
    }

    private static int rowIndex(Map<String, Integer> rowOrder, UnitView seat) {
        return rowOrder.getOrDefault(seat.row() == null ? "" : seat.row(), 0);
    }

    private static Map<String, List<UnitView>> byRow(List<UnitView> seats) {
        List<UnitView> ordered = new ArrayList<>(seats);
        ordered.sort(SEAT_ORDER); // linear when the caller keeps the section in this order already
        Map<String, List<UnitView>> rows = new LinkedHashMap<>();
        for (UnitView seat : ordered) {
            rows.computeIfAbsent(seat.row() == null ? "" : seat.row(), row -> new ArrayList<>())
                    .add(seat);
        }
        return rows;
    }

    private static List<UnitView> firstRun(List<UnitView> row, int quantity) {
        for (int i = 0; i + quantity <= row.size(); i++) {
            List<UnitView> group = row.subList(i, i + quantity);
            if (span(group) == quantity - 1) {
                return group;
            }
        }
        return null;
    }

    private static int span(List<UnitView> group) {
        return number(group.get(group.size() - 1)) - number(group.get(0));
    }

    private static int number(UnitView seat) {
        return seat.number() == null ? 0 : seat.number();
    }

    private static List<Pick> picks(List<UnitView> seats) {
        return seats.stream().map(seat -> new Pick(seat.unitId(), 1)).toList();
    }

    /** "2" before "10", "A" before "B"; numbers before letters. */
    static int naturally(String a, String b) {
        boolean aNumber = isSmallNumber(a);
        boolean bNumber = isSmallNumber(b);
        if (aNumber && bNumber) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** Up to nine digits: what {@link Integer#parseInt} reads. A comparator runs this a million times; no regex. */
    private static boolean isSmallNumber(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
