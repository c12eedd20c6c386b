package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EventConfig.Section;
import io.onsale.loadgen.client.EventView;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.SeatMap;
import io.onsale.loadgen.simulate.Metrics.Count;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reads the final state back through the API and holds it against what buyers were told:
 * <ul>
 *   <li>every undecided order is asked again with its key, so every order ends decided;</li>
 *   <li>every 201 is read back by its buyer ({@code GET /api/orders/{id}}): it exists, is theirs, names the same
 *       tickets, and says what the buyer did with it (kept or left: HELD; cancelled: CANCELLED; EXPIRED once the
 *       hold window has passed);</li>
 *   <li>no seat belongs to two live orders; every seat a live order names is HELD or SOLD in the seat map; every
 *       HELD or SOLD seat belongs to a live order; every configured seat is in the map;</li>
 *   <li>a paid order reads CONFIRMED, and its seats read SOLD (on the floor: sold covers its tickets);</li>
 *   <li>per section, held + sold never exceeds capacity; on the floor, held + sold equals the live orders' tickets;
 *       sold in all never exceeds the venue;</li>
 *   <li>the waiting room gave each buyer one position, never shared, and admitted in position order.</li>
 * </ul>
 * Seat maps and section counts follow decisions a moment later, so they are read again for a while until they agree.
 */
final class Audit {

    /** Per section, what the read-back says. */
    record SectionState(String sectionId, String kind, int capacity, int held, int sold, int available, int other) {}

    /**
     * @param confirmedOrders  orders read back CONFIRMED, and their tickets
     * @param admissionsChecked buyers seen ADMITTED whose position and batch time went into the admission-order check
     */
    record Result(
            List<String> problems,
            List<String> notes,
            List<SectionState> sections,
            int ordersRead,
            int liveOrders,
            int liveTickets,
            int confirmedOrders,
            int confirmedTickets,
            int admissionsChecked) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private final EdgeApi api;
    private final InFlightLimit limit;
    private final Function<String, String> tokenOf;
    private final Metrics metrics;
    private final Duration settleBudget;
    private final LongSupplier nanoClock;

    Audit(
            EdgeApi api,
            InFlightLimit limit,
            Function<String, String> tokenOf,
            Metrics metrics,
            Duration settleBudget,
            LongSupplier nanoClock) {
        this.api = api;
        this.limit = limit;
        this.tokenOf = tokenOf;
        this.metrics = metrics;
        this.settleBudget = settleBudget;
        this.nanoClock = nanoClock;
    }

    Result run(String eventId, Venue venue, Ledger ledger, QueueLedger queue) throws InterruptedException {
        List<String> problems = new ArrayList<>(ledger.duplicates());
        problems.addAll(queue.problems());
        List<String> notes = new ArrayList<>();
        resolveUndecided(eventId, ledger, problems);

        // Every 201, read back by its buyer.
        Map<String, Order> readBack = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        List<String> readProblems = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Ledger.Held held : ledger.held()) {
            long started = nanoClock.getAsLong();
            reads.add(withRetries(() -> api.order(held.order.orderId(), tokenOf.apply(held.buyerId)), 5)
                    .thenAccept(answer -> {
                        metrics.record(Step.AUDIT_ORDER, nanoClock.getAsLong() - started);
                        if (answer.ok()) {
                            readBack.put(held.order.orderId(), answer.body());
                        } else {
                            readProblems.add("order " + held.order.orderId() + " of " + held.buyerId
                                    + " (told 201) reads " + answer.problem().describe());
                        }
                    })
                    .exceptionally(error -> {
                        readProblems.add("order " + held.order.orderId() + " of " + held.buyerId
                                + " could not be read: " + error.getMessage());
                        return null;
                    }));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        problems.addAll(readProblems);

        // Which tickets the read-back says are whose.
        Map<String, String> ownerOfSeat = new HashMap<>();
        Set<String> confirmedSeats = new java.util.HashSet<>();
        Map<String, Integer> liveZoneTickets = new HashMap<>();
        Map<String, Integer> confirmedZoneTickets = new HashMap<>();
        int confirmed = 0;
        int confirmedTickets = 0;
        int live = 0;
        int liveTickets = 0;
        int expired = 0;
        for (Ledger.Held held : ledger.held()) {
            Order told = held.order;
            Order now = readBack.get(told.orderId());
            if (now == null) {
                continue;
            }
            if (!Objects.equals(now.buyerId(), held.buyerId) && now.buyerId() != null) {
                problems.add("order " + told.orderId() + " was told to " + held.buyerId + " but belongs to "
                        + now.buyerId());
            }
            String expected = expectedStatuses(held.fate);
            if (!expected.contains(now.status())) {
                problems.add("order " + told.orderId() + " of " + held.buyerId + " ("
                        + held.fate.name().toLowerCase() + ") reads " + now.status() + ", expected "
                        + expected.replace(",", " or "));
            }
            if (Order.EXPIRED.equals(now.status())) {
                expired++;
            }
            if (!now.holdsTickets()) {
                continue;
            }
            live++;
            liveTickets += now.tickets();
            boolean sold = Order.CONFIRMED.equals(now.status());
            if (sold) {
                confirmed++;
                confirmedTickets += now.tickets();
            }
            if (!sameTickets(told, now)) {
                problems.add("order " + told.orderId() + " of " + held.buyerId + " was told " + tickets(told)
                        + " but reads " + tickets(now));
            }
            for (Order.Item item : now.items()) {
                if (item.seatId() != null) {
                    String other = ownerOfSeat.putIfAbsent(item.seatId(), told.orderId());
                    if (other != null) {
                        problems.add("seat " + item.seatId() + " is in two live orders: " + other + " and "
                                + told.orderId());
                    }
                    if (sold) {
                        confirmedSeats.add(item.seatId());
                    }
                } else if (item.zoneId() != null) {
                    liveZoneTickets.merge(item.sectionId(), item.quantity(), Integer::sum);
                    if (sold) {
                        confirmedZoneTickets.merge(item.sectionId(), item.quantity(), Integer::sum);
                    }
                }
            }
        }
        if (confirmedTickets > venue.capacity()) {
            problems.add(
                    confirmedTickets + " ticket(s) in CONFIRMED orders exceed the capacity of " + venue.capacity());
        }
        if (expired > 0) {
            metrics.add(Count.EXPIRED, expired);
            notes.add(expired + " held order(s) had expired by the audit (hold window passed)");
        }

        // Seat maps and floor counts, until they agree or the settle budget is spent.
        long deadline = nanoClock.getAsLong() + settleBudget.toNanos();
        List<String> stateProblems;
        List<SectionState> sections;
        while (true) {
            stateProblems = new ArrayList<>();
            sections = new ArrayList<>();
            EventView event = readEvent(eventId, stateProblems);
            for (Section section : venue.sections()) {
                if (section.isReserved()) {
                    sections.add(checkSeatMap(eventId, section, ownerOfSeat, confirmedSeats, stateProblems));
                } else {
                    sections.add(checkFloor(
                            event,
                            section,
                            liveZoneTickets.getOrDefault(section.sectionId(), 0),
                            confirmedZoneTickets.getOrDefault(section.sectionId(), 0),
                            stateProblems));
                }
            }
            int soldInAll = sections.stream().mapToInt(SectionState::sold).sum();
            if (soldInAll > venue.capacity()) {
                stateProblems.add("sold " + soldInAll + " ticket(s) in all, above the capacity of " + venue.capacity());
            }
            if (stateProblems.isEmpty() || nanoClock.getAsLong() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        problems.addAll(stateProblems);
        return new Result(
                problems,
                notes,
                sections,
                readBack.size(),
                live,
                liveTickets,
                confirmed,
                confirmedTickets,
                queue.admittedCount());
    }

    private void resolveUndecided(String eventId, Ledger ledger, List<String> problems) {
        List<Ledger.Undecided> undecided = ledger.drainUndecided();
        metrics.add(Count.UNRESOLVED, undecided.size());
        List<CompletableFuture<Void>> asks = new ArrayList<>();
        List<String> stillOpen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Ledger.Undecided order : undecided) {
            String token = tokenOf.apply(order.buyerId());
            // The same key: the edge answers with the first decision, never a second order.
            asks.add(askUntilDecided(
                            () -> api.placeOrder(
                                    eventId, order.asked(), order.idempotencyKey(), token, order.admissionToken()),
                            10)
                    // The edge checks admission before the key: once the purchase window is over, the token is refused
                    // (401). A room that lets buyers through by now takes the same key without one.
                    .thenCompose(outcome -> order.admissionToken() != null
                                    && (outcome.status() == 401 || outcome.status() == 403)
                            ? askUntilDecided(
                                    () -> api.placeOrder(eventId, order.asked(), order.idempotencyKey(), token), 10)
                            : CompletableFuture.completedFuture(outcome))
                    .thenAccept(outcome -> {
                        if (outcome instanceof OrderOutcome.Decided decided) {
                            metrics.add(Count.RESOLVED_LATE);
                            metrics.add(Count.HELD_UNBEKNOWN);
                            metrics.add(
                                    Count.TICKETS_HELD_UNBEKNOWN,
                                    decided.order().tickets());
                            ledger.held(order.buyerId(), decided.order(), order.asked(), true);
                            ledger.fate(decided.order().orderId(), Ledger.Fate.LEFT);
                        } else if (outcome instanceof OrderOutcome.Refused) {
                            metrics.add(Count.RESOLVED_LATE);
                        } else if (!order.maybePlaced() && (outcome.status() == 401 || outcome.status() == 403)) {
                            // After the window the edge replays a key from the buyer's books and refuses it when the
                            // books
                            // have no order under it: the expected answer for an order the edge never took in.
                            metrics.add(Count.NEVER_PLACED);
                        } else {
                            stillOpen.add(
                                    "order " + order.idempotencyKey() + " of " + order.buyerId() + " (" + order.why()
                                            + ") is still undecided: " + outcome.status()
                                            + (outcome.status() == 401
                                                    ? " (admission refused: the purchase window is over and the room still queues, so"
                                                            + " the edge does not look the key up)"
                                                    : ""));
                        }
                    })
                    .exceptionally(error -> {
                        stillOpen.add("order " + order.idempotencyKey() + " of " + order.buyerId() + " (" + order.why()
                                + ") could not be asked again: " + error.getMessage());
                        return null;
                    }));
        }
        CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).join();
        problems.addAll(stillOpen);
    }

    private CompletableFuture<OrderOutcome> askUntilDecided(
            java.util.function.Supplier<CompletableFuture<OrderOutcome>> ask, int triesLeft) {
        return limit.submit(ask).thenCompose(outcome -> {
            boolean again = outcome instanceof OrderOutcome.Pending || outcome.status() == 503;
            if (!again || triesLeft <= 1) {
                return CompletableFuture.completedFuture(outcome);
            }
            return CompletableFuture.supplyAsync(
                            () -> null, CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS))
                    .thenCompose(ignored -> askUntilDecided(ask, triesLeft - 1));
        });
    }

    private <T> CompletableFuture<Answer<T>> withRetries(
            java.util.function.Supplier<CompletableFuture<Answer<T>>> call, int triesLeft) {
        return limit.submit(call).thenCompose(answer -> {
            if (answer.status() != 503 || triesLeft <= 1) {
                return CompletableFuture.completedFuture(answer);
            }
            long wait = Math.max(100, answer.retryAfter().toMillis());
            return CompletableFuture.supplyAsync(
                            () -> null,
                            CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> withRetries(call, triesLeft - 1));
        });
    }

    private EventView readEvent(String eventId, List<String> problems) {
        Answer<EventView> answer = withRetries(() -> api.event(eventId, tokenOf.apply(Simulation.AUDITOR)), 5)
                .join();
        if (!answer.ok()) {
            problems.add("the event reads " + answer.problem().describe());
            return null;
        }
        return answer.body();
    }

    private SectionState checkSeatMap(
            String eventId,
            Section section,
            Map<String, String> ownerOfSeat,
            Set<String> confirmedSeats,
            List<String> problems) {
        long started = nanoClock.getAsLong();
        Answer<SeatMap> answer = withRetries(
                        () -> api.seats(eventId, section.sectionId(), tokenOf.apply(Simulation.AUDITOR)), 10)
                .join();
        metrics.record(Step.AUDIT_SEAT_MAP, nanoClock.getAsLong() - started);
        if (!answer.ok()) {
            problems.add("seat map of " + section.sectionId() + " reads "
                    + answer.problem().describe());
            return new SectionState(section.sectionId(), section.kind(), section.capacity(), 0, 0, 0, 0);
        }
        Map<String, SeatMap.SeatState> bySeat = new LinkedHashMap<>();
        answer.body().seats().forEach(seat -> bySeat.put(seat.seatId(), seat));
        int held = 0;
        int sold = 0;
        int available = 0;
        int other = 0;
        List<String> phantoms = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notTaken = new ArrayList<>();
        List<String> notSold = new ArrayList<>();
        for (var seat : section.seats()) {
            SeatMap.SeatState state = bySeat.get(seat.seatId());
            if (state == null) {
                missing.add(seat.seatId());
                continue;
            }
            switch (state.status()) {
                case SeatMap.HELD:
                    held++;
                    break;
                case SeatMap.SOLD:
                    sold++;
                    break;
                case SeatMap.AVAILABLE:
                    available++;
                    break;
                default:
                    other++;
            }
            boolean owned = ownerOfSeat.containsKey(seat.seatId());
            if (state.taken() && !owned) {
                phantoms.add(seat.seatId());
            } else if (owned && !state.taken()) {
                notTaken.add(seat.seatId() + " (" + state.status() + ", order " + ownerOfSeat.get(seat.seatId()) + ")");
            }
            if (confirmedSeats.contains(seat.seatId()) && !SeatMap.SOLD.equals(state.status())) {
                notSold.add(seat.seatId() + " (" + state.status() + ", order " + ownerOfSeat.get(seat.seatId()) + ")");
            }
        }
        Set<String> configured = new java.util.HashSet<>();
        section.seats().forEach(seat -> configured.add(seat.seatId()));
        List<String> unknown =
                bySeat.keySet().stream().filter(id -> !configured.contains(id)).toList();
        report(problems, section, "seat(s) missing from the seat map", missing);
        report(problems, section, "seat(s) HELD or SOLD although no buyer was told so", phantoms);
        report(problems, section, "seat(s) of live orders not HELD or SOLD in the seat map", notTaken);
        report(problems, section, "seat(s) of CONFIRMED orders not SOLD in the seat map", notSold);
        report(problems, section, "seat(s) in the map that were never configured", unknown);
        if (held + sold > section.capacity()) {
            problems.add("section " + section.sectionId() + ": held " + held + " + sold " + sold + " exceeds capacity "
                    + section.capacity());
        }
        return new SectionState(section.sectionId(), section.kind(), section.capacity(), held, sold, available, other);
    }

    private static SectionState checkFloor(
            EventView event, Section section, int liveTickets, int confirmedTickets, List<String> problems) {
        EventView.Availability availability = event == null
                ? null
                : event.section(section.sectionId())
                        .map(EventView.SectionView::availability)
                        .orElse(null);
        if (availability == null) {
            problems.add("section " + section.sectionId() + ": the event shows no availability");
            return new SectionState(section.sectionId(), section.kind(), section.capacity(), 0, 0, 0, 0);
        }
        int taken = availability.held() + availability.sold();
        if (taken > section.capacity() || availability.capacity() != section.capacity()) {
            problems.add("section " + section.sectionId() + ": held " + availability.held() + " + sold "
                    + availability.sold() + " against capacity " + availability.capacity() + " (configured "
                    + section.capacity() + ")");
        }
        if (availability.sold() < confirmedTickets) {
            problems.add("section " + section.sectionId() + ": sold " + availability.sold()
                    + " but CONFIRMED orders hold " + confirmedTickets + " ticket(s)");
        }
        if (taken != liveTickets) {
            problems.add("section " + section.sectionId() + ": held + sold is " + taken + " but live orders hold "
                    + liveTickets + " ticket(s)");
        }
        return new SectionState(
                section.sectionId(),
                section.kind(),
                section.capacity(),
                availability.held(),
                availability.sold(),
                availability.available(),
                0);
    }

    private static void report(List<String> problems, Section section, String what, List<String> seats) {
        if (!seats.isEmpty()) {
            problems.add("section " + section.sectionId() + ": " + seats.size() + " " + what + ": "
                    + String.join(", ", seats.subList(0, Math.min(8, seats.size()))) + (seats.size() > 8 ? ", …" : ""));
        }
    }

    private static String expectedStatuses(Ledger.Fate fate) {
        switch (fate) {
            case CANCELLED:
                return Order.CANCELLED;
            case CANCEL_UNCERTAIN:
                return Order.HELD + "," + Order.CANCELLED + "," + Order.EXPIRED;
            case EXPIRED:
                return Order.EXPIRED;
            case PAID:
                return Order.CONFIRMED;
            case PAY_UNCERTAIN:
                return Order.HELD + ",CONFIRMING," + Order.CONFIRMED + "," + Order.EXPIRED;
            default:
                return Order.HELD + "," + Order.EXPIRED;
        }
    }

    private static boolean sameTickets(Order told, Order now) {
        return tickets(told).equals(tickets(now));
    }

    private static List<String> tickets(Order order) {
        return order.items().stream()
                .map(item -> item.sectionId() + "/"
                        + (item.seatId() != null ? item.seatId() : item.zoneId() + "x" + item.quantity()))
                .sorted()
                .toList();
    }
}
