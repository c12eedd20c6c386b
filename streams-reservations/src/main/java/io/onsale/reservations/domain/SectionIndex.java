package io.onsale.reservations.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One section's units, indexed so that a best-available pick or a loser's alternatives walk the seats that could be
 * free instead of the whole section. {@link SectionAllocator} stays the specification: every answer here is the one
 * it gives on the section's units in seat order, and where this index could not prove that (zones, row names that
 * compare equal but are spelled differently, seat numbers large enough to overflow its distances, an unknown lost
 * seat) it asks the allocator on the full list.
 *
 * <p>Per row, in natural row order, the index keeps the seats with room as of their last decision ({@code capacity
 * - held - sold > 0}, not killed). {@link UnitView#free} can only be smaller than that (a live pick), never larger, so
 * the seats free at any instant are among them; each walk still asks {@code free(now)}. The seats an order holds or was
 * handed are found by its order id. Not thread-safe: one stream task owns it.
 */
public final class SectionIndex {

    /** Beyond this a seat number could overflow the allocator's int arithmetic; the full scan answers then. */
    private static final int SAFE_NUMBER = 1 << 29;

    private final SectionAllocator allocator = new SectionAllocator();
    private final Map<String, UnitView> units = new HashMap<>();
    private final TreeMap<String, Row> rows = new TreeMap<>(SectionAllocator::naturally);
    private final Map<String, Set<String>> byOrder = new HashMap<>();
    private String firstUnitId;
    private int notSeats;
    private boolean irregular;

    private SectionIndex() {}

    public static SectionIndex of(Collection<UnitView> views) {
        SectionIndex index = new SectionIndex();
        views.forEach(index::put);
        return index;
    }

    /** The unit's view after a change: keep it, in place of the one before. */
    public void put(UnitView view) {
        UnitView before = units.put(view.unitId(), view);
        if (before == null) {
            place(view);
        } else if (!samePlace(before, view)) {
            rebuild(); // a seat moved: rare enough to redo the shape of the section
            return;
        } else {
            unlink(before);
        }
        link(view);
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }

    /** Whether any unit has room for a pick now. */
    public boolean anyFree(Instant now) {
        for (Row row : rows.values()) {
            for (UnitView unit : row.open.values()) {
                if (unit.free(now) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The section as the allocator reads it: every unit in {@link SectionAllocator#SEAT_ORDER}. */
    public List<UnitView> inSeatOrder() {
        List<UnitView> ordered = new ArrayList<>(units.values());
        ordered.sort(SectionAllocator.SEAT_ORDER);
        return ordered;
    }

    /** {@link SectionAllocator#pick(List, int, Set, Set, String, Instant)} on this section. */
    public Optional<List<SectionAllocator.Pick>> pick(
            int quantity, Set<String> excluded, Set<String> reusable, String orderId, Instant now) {
        if (!exact()) {
            return allocator.pick(inSeatOrder(), quantity, excluded, reusable, orderId, now);
        }
        if (quantity < 1) {
            return Optional.empty();
        }
        Predicate<UnitView> candidate = unit -> !excluded.contains(unit.unitId())
                && (unit.free(now) > 0
                        || unit.ownSeatOf(orderId)
                        || reusable.contains(unit.unitId()) && unit.reusableSeat());
        // Own and reusable seats need not have room: they join the walk of their row.
        Map<Row, TreeMap<Seat, UnitView>> extras = new HashMap<>();
        Set<String> named = new HashSet<>(reusable);
        if (orderId != null) {
            named.addAll(byOrder.getOrDefault(orderId, Set.of()));
        }
        for (String unitId : named) {
            UnitView unit = units.get(unitId);
            if (unit != null && candidate.test(unit)) {
                extras.computeIfAbsent(rows.get(rowOf(unit)), row -> new TreeMap<>())
                        .put(Seat.of(unit), unit);
            }
        }
        return walk(candidate, extras, quantity).picks();
    }

    /** {@link SectionAllocator#alternatives} on this section. */
    public List<Alternative> alternatives(
            String sectionId,
            String lostUnitId,
            int quantity,
            Set<String> excluded,
            Instant now,
            List<SectionOverview> others) {
        UnitView lost = lostUnitId == null ? null : units.get(lostUnitId);
        if (!exact() || lost == null) {
            return allocator.alternatives(sectionId, inSeatOrder(), lostUnitId, quantity, excluded, now, others);
        }
        int wanted = Math.max(1, quantity);
        List<Alternative> offered = sameSection(sectionId, lost, wanted, excluded, now);
        if (!offered.isEmpty()) {
            return offered;
        }
        return allocator.elsewhere(sectionId, units.get(firstUnitId), wanted, others);
    }

    /**
     * The allocator sorts every free run of the section by distance to the lost seat and offers the first ones that do
     * not overlap. A run {@code d} rows away is at least {@code d * 10,000} away, so after the rows up to {@code d}
     * away every run nearer than {@code (d + 1) * 10,000} is known, and the offers among them are final: stop when
     * they are enough.
     */
    private List<Alternative> sameSection(
            String sectionId, UnitView lost, int quantity, Set<String> excluded, Instant now) {
        Predicate<UnitView> free =
                unit -> !excluded.contains(unit.unitId()) && !unit.unitId().equals(lost.unitId()) && unit.free(now) > 0;
        List<Row> ordered = new ArrayList<>(rows.values());
        int lostRow = ordered.indexOf(rows.get(rowOf(lost)));
        List<Run> runs = new ArrayList<>();
        for (int d = 0; d < ordered.size(); d++) {
            int found = runs.size();
            if (lostRow - d >= 0) {
                collectRuns(ordered.get(lostRow - d), lostRow - d, lostRow, lost, quantity, free, runs);
            }
            if (d > 0 && lostRow + d < ordered.size()) {
                collectRuns(ordered.get(lostRow + d), lostRow + d, lostRow, lost, quantity, free, runs);
            }
            if (runs.size() > found) {
                List<Alternative> offered = offers(sectionId, runs, (d + 1) * 10_000L);
                if (offered.size() == SectionAllocator.MAX_ALTERNATIVES) {
                    return offered;
                }
            }
        }
        if (!runs.isEmpty()) {
            return offers(sectionId, runs, Long.MAX_VALUE);
        }
        Walk walk = walk(free, Map.of(), quantity);
        return walk.picks()
                .map(picks -> List.of(new Alternative(
                        sectionId,
                        picks.stream().map(SectionAllocator.Pick::unitId).toList(),
                        picks.stream().mapToInt(SectionAllocator.Pick::quantity).sum(),
                        walk.first().priceMinor())))
                .orElse(List.of());
    }

    private static void collectRuns(
            Row row, int rowIndex, int lostRow, UnitView lost, int quantity, Predicate<UnitView> free, List<Run> runs) {
        ArrayDeque<UnitView> window = new ArrayDeque<>(quantity + 1);
        int position = 0;
        for (UnitView unit : row.open.values()) {
            if (!free.test(unit)) {
                continue;
            }
            window.addLast(unit);
            if (window.size() > quantity) {
                window.removeFirst();
            }
            if (window.size() == quantity && number(window.peekLast()) - number(window.peekFirst()) == quantity - 1) {
                long seats = Math.abs((number(window.peekFirst()) + number(window.peekLast())) / 2 - number(lost));
                long distance = Math.abs(rowIndex - lostRow) * 10_000L + seats;
                runs.add(new Run(distance, rowIndex, position - quantity + 1, List.copyOf(window)));
            }
            position++;
        }
    }

    /** The allocator's offers among the runs nearer than {@code bound}: nearest first, overlapping ones skipped. */
    private static List<Alternative> offers(String sectionId, List<Run> runs, long bound) {
        List<Run> sorted = runs.stream()
                .filter(run -> run.distance() < bound)
                .sorted(Run.NEAREST)
                .toList();
        List<Alternative> offered = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Run run : sorted) {
            if (run.seats().stream().anyMatch(unit -> taken.contains(unit.unitId()))) {
                continue;
            }
            run.seats().forEach(unit -> taken.add(unit.unitId()));
            offered.add(new Alternative(
                    sectionId,
                    run.seats().stream().map(UnitView::unitId).toList(),
                    run.seats().size(),
                    run.seats().get(0).priceMinor()));
            if (offered.size() == SectionAllocator.MAX_ALTERNATIVES) {
                break;
            }
        }
        return offered;
    }

    /**
     * The allocator's seat pick in one walk of the candidates, rows in order: the first window of {@code quantity}
     * consecutive candidates of a row spanning {@code quantity - 1} numbers (the first contiguous run) ends the walk;
     * without one, the first window of the smallest span (the tightest group), else the first {@code quantity}
     * candidates of the section.
     */
    private Walk walk(Predicate<UnitView> candidate, Map<Row, TreeMap<Seat, UnitView>> extras, int quantity) {
        List<UnitView> firsts = new ArrayList<>(quantity);
        List<UnitView> tightest = null;
        int tightestSpan = 0;
        ArrayDeque<UnitView> window = new ArrayDeque<>(quantity + 1);
        for (Row row : rows.values()) {
            window.clear();
            TreeMap<Seat, UnitView> extra = extras.get(row);
            Iterator<UnitView> seats = extra == null ? row.open.values().iterator() : new Merged(row.open, extra);
            while (seats.hasNext()) {
                UnitView unit = seats.next();
                if (!candidate.test(unit)) {
                    continue;
                }
                if (firsts.size() < quantity) {
                    firsts.add(unit);
                }
                window.addLast(unit);
                if (window.size() > quantity) {
                    window.removeFirst();
                }
                if (window.size() == quantity) {
                    int span = number(window.peekLast()) - number(window.peekFirst());
                    if (span == quantity - 1) {
                        return new Walk(Optional.of(picks(window)), firsts.get(0));
                    }
                    if (tightest == null || span < tightestSpan) {
                        tightest = List.copyOf(window);
                        tightestSpan = span;
                    }
                }
            }
        }
        UnitView first = firsts.isEmpty() ? null : firsts.get(0);
        if (tightest != null) {
            return new Walk(Optional.of(picks(tightest)), first);
        }
        return new Walk(firsts.size() < quantity ? Optional.empty() : Optional.of(picks(firsts)), first);
    }

    private static List<SectionAllocator.Pick> picks(Collection<UnitView> seats) {
        return seats.stream()
                .map(seat -> new SectionAllocator.Pick(seat.unitId(), 1))
                .toList();
    }

    /** Only seats, rows that the natural order tells apart, and numbers far from overflowing. */
    private boolean exact() {
        return notSeats == 0 && !irregular;
    }

    /** A new unit takes its place in the shape of the section. */
    private void place(UnitView view) {
        String key = rowOf(view);
        String known = rows.floorKey(key);
        if (known != null && SectionAllocator.naturally(known, key) == 0 && !known.equals(key)) {
            irregular = true; // "2" and "02": the allocator keeps two rows the order cannot tell apart
        }
        rows.computeIfAbsent(key, Row::new);
        if (view.kind() != UnitSpec.Kind.SEAT) {
            notSeats++;
        }
        if (Math.abs((long) number(view)) >= SAFE_NUMBER) {
            irregular = true;
        }
        if (firstUnitId == null || SectionAllocator.SEAT_ORDER.compare(view, units.get(firstUnitId)) < 0) {
            firstUnitId = view.unitId();
        }
    }

    private void rebuild() {
        List<UnitView> all = new ArrayList<>(units.values());
        units.clear();
        rows.clear();
        byOrder.clear();
        firstUnitId = null;
        notSeats = 0;
        irregular = false;
        all.forEach(this::put);
    }

    private void link(UnitView view) {
        if (hasRoom(view)) {
            rows.get(rowOf(view)).open.put(Seat.of(view), view);
        }
        for (String orderId : ordersOf(view)) {
            byOrder.computeIfAbsent(orderId, order -> new HashSet<>()).add(view.unitId());
        }
    }

    private void unlink(UnitView view) {
        if (hasRoom(view)) {
            rows.get(rowOf(view)).open.remove(Seat.of(view));
        }
        for (String orderId : ordersOf(view)) {
            Set<String> held = byOrder.get(orderId);
            if (held != null && held.remove(view.unitId()) && held.isEmpty()) {
                byOrder.remove(orderId);
            }
        }
    }

    /** Room as of the last decision: what {@link UnitView#free} can never exceed, whatever the time. */
    private static boolean hasRoom(UnitView view) {
        return !view.killed() && view.capacity() - view.held() - view.sold() > 0;
    }

    private static List<String> ordersOf(UnitView view) {
        if (view.heldBy() == null) {
            return view.allocatedTo() == null ? List.of() : List.of(view.allocatedTo());
        }
        return view.allocatedTo() == null || view.allocatedTo().equals(view.heldBy())
                ? List.of(view.heldBy())
                : List.of(view.heldBy(), view.allocatedTo());
    }

    private static boolean samePlace(UnitView a, UnitView b) {
        return a.kind() == b.kind() && rowOf(a).equals(rowOf(b)) && number(a) == number(b);
    }

    private static String rowOf(UnitView view) {
        return view.row() == null ? "" : view.row();
    }

    private static int number(UnitView seat) {
        return seat.number() == null ? 0 : seat.number();
    }

    private static final class Row {
        final String key;
        /** Seats with room as of their last decision, by number then id: the allocator's order within a row. */
        final TreeMap<Seat, UnitView> open = new TreeMap<>();

        Row(String key) {
            this.key = key;
        }
    }

    private record Seat(int number, String unitId) implements Comparable<Seat> {
        static Seat of(UnitView view) {
            return new Seat(SectionIndex.number(view), view.unitId());
        }

        @Override
        public int compareTo(Seat other) {
            int byNumber = Integer.compare(number, other.number);
            return byNumber != 0 ? byNumber : unitId.compareTo(other.unitId);
        }
    }

    /** A contiguous run, with where the allocator would have found it: its row and its start among the row's runs. */
    private record Run(long distance, int row, int start, List<UnitView> seats) {
        static final Comparator<Run> NEAREST = Comparator.comparingLong(Run::distance)
                .thenComparingInt(Run::row)
                .thenComparingInt(Run::start);
    }

    private record Walk(Optional<List<SectionAllocator.Pick>> picks, UnitView first) {}

    /** Two rows' worth of seats in seat order, a seat in both once. */
    private static final class Merged implements Iterator<UnitView> {
        private final Iterator<Map.Entry<Seat, UnitView>> left;
        private final Iterator<Map.Entry<Seat, UnitView>> right;
        private Map.Entry<Seat, UnitView> nextLeft;
        private Map.Entry<Seat, UnitView> nextRight;

        Merged(TreeMap<Seat, UnitView> a, TreeMap<Seat, UnitView> b) {
            left = a.entrySet().iterator();
            right = b.entrySet().iterator();
            nextLeft = left.hasNext() ? left.next() : null;
            nextRight = right.hasNext() ? right.next() : null;
        }

        @Override
        public boolean hasNext() {
            return nextLeft != null || nextRight != null;
        }

        @Override
        public UnitView next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int order = nextLeft == null
                    ? 1
                    : nextRight == null ? -1 : nextLeft.getKey().compareTo(nextRight.getKey());
            UnitView next = order <= 0 ? nextLeft.getValue() : nextRight.getValue();
            if (order <= 0) {
                nextLeft = left.hasNext() ? left.next() : null;
            }
            if (order >= 0) {
                nextRight = right.hasNext() ? right.next() : null;
            }
            return next;
        }
    }
}
