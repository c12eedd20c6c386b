package io.onsale.reservations.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.TopicProvisioner;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the reservation engine (one application id, one thread each, a standby of every task) on a
 * real broker. A burst of competing orders is produced while instance B leaves the group in the middle of it,
 * stays away while A decides alone, and comes back on its own state directory; then some held orders are paid
 * and some cancelled; a few of each request are sent twice, as clients that timed out retry. Afterwards three reads
 * must agree and hold the engine's promises: the answers on {@code order-events}, the decision log
 * {@code reservation-events} (both read_committed), and the {@code units} stores of both instances (interactive
 * queries), with the {@code section-availability} views that best-available picks and alternatives rely on.
 *
 * <p>The venue is laid out so that every promise is checkable from outside:
 * <ul>
 *   <li>A (40 seats): single-seat orders only. Rows 1–2 are the hot seats, ten buyers each: exactly one must win.</li>
 *   <li>B (40 seats): pairs of adjacent named seats, overlapping: the all-or-nothing race, at most one winner a seat.</li>
 *   <li>C (120 seats): best-available for 1–3, more asked than there is: concurrent picks and sell-out.</li>
 *   <li>FLOOR: one general-admission zone of 150, asked 1–4 at a time, by section or by naming the zone.</li>
 * </ul>
 * No buyer asks for more than the per-buyer limit in all, so every refusal is about inventory. The venue, the burst and
 * the audits are shared with {@link KillDrill}, where instances ({@link EngineKillIT}) or brokers ({@link BrokerKillIT})
 * are processes killed with SIGKILL instead.
 */
class TwoInstancesFailoverIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    static final String EVENT = "E1";
    private static final int BUYERS = 200;
    private static final int PER_BUYER_LIMIT = 8;
    private static final int FLOOR_CAPACITY = 150;
    private static final int CHUNKS = 9;
    private static final int RETRIES = 25;
    private static final Set<String> HOT_SEATS = IntStream.rangeClosed(1, 2)
            .boxed()
            .flatMap(row -> IntStream.rangeClosed(1, 10).mapToObj(n -> "A-" + row + "-" + n))
            .collect(Collectors.toCollection(TreeSet::new));

    @TempDir
    Path stateRoot;

    /** When each step was done and each instance changed state, in seconds since the test began: printed at the end. */
    private final List<String> timeline = new CopyOnWriteArrayList<>();

    private final long began = System.nanoTime();
    private final List<Instance> instances = new CopyOnWriteArrayList<>();

    @Test
    void aBurstOfCompetingOrdersSurvivesAnInstanceLeavingAndComingBackWithNoOrderLostAndNoSeatTakenTwice()
            throws Exception {
        String prefix = RealKafka.uniquePrefix("TwoInstancesFailover");
        RealKafka.bootstrapServers();
        mark("broker up");
        Topics topics = Topics.from(new Topics.Settings(prefix, 4, 1));
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(topics.all());
        }
        mark("topics created");
        Instant saleOpen = Instant.now().minusSeconds(60);
        EventConfig venue = venue(saleOpen);
        Map<String, Integer> capacities = capacities(venue);

        try (Instance a = new Instance("a", topics, prefix + "reservations", stateRoot.resolve("a"), this::mark);
                Instance b = new Instance("b", topics, prefix + "reservations", stateRoot.resolve("b"), this::mark);
                Log<OrderEvent> answers = new Log<>(topics.orderEvents(), RealKafka.bootstrapServers());
                Log<ReservationEvent> decisions = new Log<>(topics.reservationEvents(), RealKafka.bootstrapServers());
                KafkaProducer<String, EventConfig> organizer =
                        producer(topics.eventConfig().valueSerde().serializer(), null, RealKafka.bootstrapServers());
                KafkaProducer<String, OrderCommand> buyers = producer(
                        topics.orderRequests().valueSerde().serializer(),
                        prefix + "buyers",
                        RealKafka.bootstrapServers())) {
            instances.addAll(List.of(a, b));
            a.start();
            b.start();
            waitFor(
                    "both instances run and share the tasks",
                    () -> a.runningWithActiveTasks() && b.runningWithActiveTasks());

            organizer
                    .send(new ProducerRecord<>(topics.eventConfig().name(), EVENT, venue))
                    .get();
            waitFor(
                    "every unit is configured",
                    () -> decisions.read().stream()
                                    .filter(decision -> decision.getType() == ReservationEventType.CONFIGURED)
                                    .count()
                            == capacities.size());
            waitFor(
                    "both instances know the event and every section's seats",
                    () -> a.knowsVenue(venue) && b.knowsVenue(venue));

            // ---- the burst, with B leaving in the middle of it and coming back
            List<OrderCommand> burst = burst(new Random(20261127));
            Set<String> placeRequests =
                    burst.stream().map(OrderCommand::getRequestId).collect(Collectors.toSet());
            Map<String, OrderCommand> placesByRequest = new HashMap<>();
            burst.forEach(command -> placesByRequest.putIfAbsent(command.getRequestId(), command));
            Set<String> retried = retriedRequests(burst);
            List<List<OrderCommand>> chunks = chunks(burst, CHUNKS);

            for (int i = 0; i < 3; i++) {
                send(buyers, topics, chunks.get(i));
            }
            waitFor("the engine is deciding the burst", () -> answers.read().size() >= 50);
            CompletableFuture<Boolean> bLeaves =
                    CompletableFuture.supplyAsync(() -> b.stopLeavingTheGroup(Duration.ofSeconds(20)));
            for (int i = 3; i < 6; i++) {
                send(buyers, topics, chunks.get(i));
            }
            assertThat(bLeaves.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("B shut down cleanly within 20 s")
                    .isTrue();
            mark("B has left");
            assertThat(b.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            Set<String> sentWhileBWasLeaving = requestIds(chunks.subList(0, 6));
            waitFor(
                    "A alone answers everything sent so far",
                    () -> answeredRequests(answers.read()).containsAll(sentWhileBWasLeaving));
            send(buyers, topics, chunks.get(6));
            b.start();
            mark("B restarted");
            for (int i = 7; i < CHUNKS; i++) {
                send(buyers, topics, chunks.get(i));
            }
            waitFor(
                    "every order placed gets an answer",
                    () -> answeredRequests(answers.read()).containsAll(placeRequests));
            waitFor("B is back, deciding again", () -> a.runningWithActiveTasks() && b.runningWithActiveTasks());

            // ---- payments and cancellations
            Map<String, OrderEvent> firstAnswers = firstAnswers(answers.read(), placeRequests);
            List<OrderEvent> held = firstAnswers.values().stream()
                    .filter(answer -> answer.getType() == OrderEventType.HELD)
                    .sorted(Comparator.comparing(OrderEvent::getOrderId))
                    .toList();
            List<OrderEvent> rejected = firstAnswers.values().stream()
                    .filter(answer -> answer.getType() == OrderEventType.REJECTED)
                    .sorted(Comparator.comparing(OrderEvent::getOrderId))
                    .toList();
            assertThat(held).as("some orders win").hasSizeGreaterThan(100);
            assertThat(rejected).as("some orders lose").hasSizeGreaterThan(100);
            FollowUps followUps = followUps(held, rejected);
            send(buyers, topics, followUps.commands());
            waitFor(
                    "every payment and cancellation gets an answer",
                    () -> answeredRequests(answers.read())
                            .containsAll(followUps.expected().keySet()));

            // ---- the three reads settle and agree
            Settled settled = settle(a, b, answers, decisions, capacities);
            mark("the three reads agree");
            System.out.printf(
                    "TwoInstancesFailoverIT: %d orders placed (%d retried), %d held, %d rejected; %d paid,"
                            + " %d cancelled; %d answers, %d unit decisions; timeline %s%n",
                    placeRequests.size(),
                    retried.size(),
                    held.size(),
                    rejected.size(),
                    count(followUps.expected(), OrderEventType.CONFIRMED),
                    count(followUps.expected(), OrderEventType.CANCELLED),
                    settled.answers().size(),
                    settled.decisions().size(),
                    timeline);

            assertEveryPlaceGotExactlyOneFirstAnswer(settled.answers(), placesByRequest, retried);
            assertFollowUpsAnsweredOnce(settled.answers(), followUps);
            assertThat(repeatedDecisions(settled.decisions()))
                    .as("exactly once across the failover: no unit command is decided twice")
                    .isEmpty();
            assertThat(historyViolations(settled.decisions(), capacities))
                    .as("at no point in the decision log is a unit held or sold beyond its capacity")
                    .isEmpty();
            assertThat(settled.units().keySet())
                    .as("the units stores of both instances cover every unit")
                    .isEqualTo(capacities.keySet());
            assertThat(settled.units())
                    .as("the units stores say what the decision log says")
                    .isEqualTo(replay(settled.decisions()));
            assertThat(stateViolations(settled.units(), capacities, lastAnswers(settled.answers())))
                    .as("final units against final orders")
                    .isEmpty();
            assertThat(viewViolations(settled.units(), settled.sectionViews()))
                    .as("the section views behind best-available picks and alternatives agree with the units")
                    .isEmpty();
            assertExactlyOneWinnerPerContendedSeat(settled.answers(), placesByRequest);
            assertThat(deadLetters(topics, RealKafka.bootstrapServers()))
                    .as("nothing went to a dead-letter topic")
                    .isEmpty();
            assertThat(a.failures()).isEmpty();
            assertThat(b.failures()).isEmpty();
        }
    }

    /**
     * Waits, checking every 100 ms, for a condition that must come true within {@link #WAIT}; notes when it did.
     * Gives up at once if a stream thread of either instance died: nothing would come true any more.
     */
    private void waitFor(String what, Callable<Boolean> condition) {
        await(what)
                .atMost(WAIT)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .failFast(
                        "a stream thread died",
                        () -> instances.stream()
                                .anyMatch(instance -> !instance.failures().isEmpty()))
                .until(condition);
        mark(what);
    }

    private void mark(String step) {
        timeline.add(step + " @" + Math.round((System.nanoTime() - began) / 1e8) / 10.0 + "s");
    }

    // ---------------------------------------------------------------- the invariants

    static void assertEveryPlaceGotExactlyOneFirstAnswer(
            List<OrderEvent> answers, Map<String, OrderCommand> places, Set<String> retried) {
        Map<String, List<OrderEvent>> byRequest = answers.stream()
                .filter(answer -> places.containsKey(answer.getRequestId()))
                .collect(Collectors.groupingBy(OrderEvent::getRequestId));
        assertThat(byRequest.keySet())
                .as("no accepted order is lost: every PLACE is answered")
                .isEqualTo(places.keySet());
        byRequest.forEach((requestId, answered) -> {
            OrderCommand place = places.get(requestId);
            OrderEvent first = answered.get(0);
            assertThat(first.getType())
                    .as("first answer to %s", requestId)
                    .isIn(OrderEventType.HELD, OrderEventType.REJECTED);
            assertThat(first.getOrderId()).isEqualTo(place.getOrderId());
            assertThat(first.getBuyerId()).isEqualTo(place.getBuyerId());
            if (first.getType() == OrderEventType.HELD) {
                assertThat(first.getItems().stream()
                                .mapToInt(OrderItem::getQuantity)
                                .sum())
                        .as("a held order holds what it asked for: %s", requestId)
                        .isEqualTo(quantityOf(place));
            }
            if (retried.contains(requestId)) {
                assertThat(answered)
                        .as("a retried PLACE is answered as the first time: %s", requestId)
                        .allSatisfy(again -> {
                            assertThat(again.getType()).isEqualTo(first.getType());
                            assertThat(again.getItems()).isEqualTo(first.getItems());
                        });
            } else {
                assertThat(answered).as("answers to %s", requestId).hasSize(1);
            }
        });
    }

    /** Each payment or cancellation is answered as its order's state calls for, once, or alike every time it was sent. */
    private static void assertFollowUpsAnsweredOnce(List<OrderEvent> answers, FollowUps followUps) {
        Map<String, List<OrderEventType>> byRequest = answers.stream()
                .filter(answer -> followUps.expected().containsKey(answer.getRequestId()))
                .collect(Collectors.groupingBy(
                        OrderEvent::getRequestId,
                        TreeMap::new,
                        Collectors.mapping(OrderEvent::getType, Collectors.toList())));
        assertThat(byRequest.keySet())
                .as("every payment and cancellation is answered")
                .isEqualTo(new TreeSet<>(followUps.expected().keySet()));
        byRequest.forEach((requestId, types) -> {
            assertThat(types)
                    .as("answers to %s", requestId)
                    .containsOnly(followUps.expected().get(requestId));
            if (!followUps.retried().contains(requestId)) {
                assertThat(types).as("answers to %s", requestId).hasSize(1);
            }
        });
    }

    /**
     * Hot seats (single-seat orders only, ten buyers each) have exactly one winner. Every other seat has at most
     * one: nothing is released while orders are being placed, so no seat can be won by two orders.
     */
    static void assertExactlyOneWinnerPerContendedSeat(List<OrderEvent> answers, Map<String, OrderCommand> places) {
        Map<String, Set<String>> winners = new TreeMap<>();
        Map<String, Integer> contenders = new TreeMap<>();
        places.values()
                .forEach(
                        place -> place.getUnits().forEach(unit -> contenders.merge(unit.getUnitId(), 1, Integer::sum)));
        answers.stream()
                .filter(answer -> answer.getType() == OrderEventType.HELD && places.containsKey(answer.getRequestId()))
                .forEach(answer -> answer.getItems().stream()
                        .filter(item -> !item.getSectionId().equals("FLOOR"))
                        .forEach(item -> winners.computeIfAbsent(item.getUnitId(), seat -> new HashSet<>())
                                .add(answer.getOrderId())));
        assertThat(winners)
                .as("no seat is won by two orders")
                .allSatisfy((seat, orders) -> assertThat(orders).hasSize(1));
        assertThat(HOT_SEATS).as("every hot seat has a winner").allSatisfy(seat -> {
            assertThat(contenders.get(seat)).isGreaterThanOrEqualTo(2);
            assertThat(winners).containsKey(seat);
        });
        List<OrderEvent> hotLosers = firstAnswers(answers, places.keySet()).values().stream()
                .filter(answer -> answer.getType() == OrderEventType.REJECTED
                        && places.get(answer.getRequestId()).getUnits().stream()
                                .anyMatch(unit -> HOT_SEATS.contains(unit.getUnitId())))
                .toList();
        assertThat(hotLosers)
                .as("every other buyer of a hot seat lost it to the winner")
                .hasSize(HOT_SEATS.stream().mapToInt(contenders::get).sum() - HOT_SEATS.size())
                .allSatisfy(loser -> {
                    assertThat(loser.getReason()).isEqualTo("SEAT_TAKEN");
                    String lost =
                            places.get(loser.getRequestId()).getUnits().get(0).getUnitId();
                    assertThat(loser.getAlternatives())
                            .as("alternatives offered to %s", loser.getBuyerId())
                            .allSatisfy(alternative ->
                                    assertThat(alternative.getUnitIds()).doesNotContain(lost));
                });
    }

    /** Decisions that appear more than once in the log: the same command decided again after a task moved. */
    static Map<String, Long> repeatedDecisions(List<ReservationEvent> decisions) {
        return decisions.stream()
                .collect(Collectors.groupingBy(
                        decision -> unitKey(decision) + " " + decision.getType() + " " + decision.getHoldId() + " ("
                                + decision.getRequestId() + ")",
                        TreeMap::new,
                        Collectors.counting()))
                .entrySet()
                .stream()
                .filter(decided -> decided.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
    }

    /** Replays each unit's decisions in log order and reports every moment it had more held and sold than it has. */
    static List<String> historyViolations(List<ReservationEvent> decisions, Map<String, Integer> capacities) {
        List<String> violations = new ArrayList<>();
        Map<String, UnitBook> books = new TreeMap<>();
        for (ReservationEvent decision : decisions) {
            String unit = unitKey(decision);
            UnitBook book = books.computeIfAbsent(unit, key -> UnitBook.empty());
            book.apply(decision);
            int taken = book.taken();
            if (taken > capacities.getOrDefault(unit, 0)) {
                violations.add(unit + " after " + decision.getType() + " of " + decision.getHoldId() + " ("
                        + decision.getRequestId() + "): " + taken + " taken of " + capacities.get(unit) + "; holds "
                        + book.holds.keySet() + ", sales " + book.sales.keySet());
            }
        }
        return violations;
    }

    /** What the final units must say about the final orders, and the other way round. */
    private static List<String> stateViolations(
            Map<String, UnitBook> units, Map<String, Integer> capacities, Map<String, OrderEvent> lastAnswers) {
        List<String> violations = new ArrayList<>();
        units.forEach((unit, book) -> {
            if (book.taken() > capacities.get(unit)) {
                violations.add(unit + " has " + book.taken() + " held or sold of " + capacities.get(unit));
            }
            book.holds.values().forEach(hold -> {
                OrderEvent order = lastAnswers.get(hold.orderId());
                if (order == null || order.getType() != OrderEventType.HELD) {
                    violations.add(unit + " is held by " + hold + " whose order is " + statusOf(order));
                }
            });
            book.sales.values().forEach(sale -> {
                OrderEvent order = lastAnswers.get(sale.orderId());
                if (order == null || order.getType() != OrderEventType.CONFIRMED) {
                    violations.add(unit + " is sold to " + sale + " whose order is " + statusOf(order));
                }
            });
        });
        lastAnswers.values().forEach(order -> {
            boolean heldOrder = order.getType() == OrderEventType.HELD;
            if (!heldOrder && order.getType() != OrderEventType.CONFIRMED) {
                return;
            }
            for (OrderItem item : order.getItems()) {
                UnitBook book = units.get(EVENT + "|" + item.getSectionId() + "|" + item.getUnitId());
                Map<String, Holding> where = book == null ? Map.of() : heldOrder ? book.holds : book.sales;
                boolean found = where.values().stream()
                        .anyMatch(holding -> holding.orderId().equals(order.getOrderId())
                                && holding.buyerId().equals(order.getBuyerId())
                                && holding.quantity() == item.getQuantity());
                if (!found) {
                    violations.add(
                            order.getType() + " order " + order.getOrderId() + " of " + order.getBuyerId() + " lacks "
                                    + item.getQuantity() + " of " + item.getUnitId() + (heldOrder ? " held" : " sold")
                                    + "; unit has "
                                    + where.values());
                }
            }
        });
        return violations;
    }

    private static String statusOf(OrderEvent lastAnswer) {
        return lastAnswer == null ? "unknown" : lastAnswer.getType().name();
    }

    /** The best-available allocator's view of each unit follows the unit, and no pick is left waiting for a decision. */
    private static List<String> viewViolations(Map<String, UnitBook> units, Map<String, UnitAvailability> views) {
        List<String> violations = new ArrayList<>();
        units.forEach((unit, book) -> {
            UnitAvailability view = views.get(unit);
            int held = book.holds.values().stream().mapToInt(Holding::quantity).sum();
            int sold = book.sales.values().stream().mapToInt(Holding::quantity).sum();
            if (view == null) {
                violations.add(unit + " is missing from the section view");
            } else if (view.getHeld() != held || view.getSold() != sold || view.getAllocatedTo() != null) {
                violations.add(unit + " is " + held + " held, " + sold + " sold; its section sees " + view.getHeld()
                        + " held, " + view.getSold() + " sold"
                        + (view.getAllocatedTo() == null ? "" : ", picked for " + view.getAllocatedTo()));
            }
        });
        return violations;
    }

    // ---------------------------------------------------------------- settling: all three reads agree

    private record Settled(
            List<OrderEvent> answers,
            List<ReservationEvent> decisions,
            Map<String, UnitBook> units,
            Map<String, UnitAvailability> sectionViews) {}

    /**
     * Releases of a refused order's other seats, sales, and the section views that follow them are decided after
     * the order's answer: wait until the units stores, the section views, the decision log and the answers describe
     * the same final state, then hand that state over. If they never do, the last reads are handed over anyway so
     * the assertions say what differs.
     */
    private static Settled settle(
            Instance a,
            Instance b,
            Log<OrderEvent> answers,
            Log<ReservationEvent> decisions,
            Map<String, Integer> capacities) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Settled last = null;
        while (System.nanoTime() < deadline) {
            List<OrderEvent> answered = List.copyOf(answers.read());
            List<ReservationEvent> decided = List.copyOf(decisions.read());
            Map<String, UnitState> units = activeEntries(ReservationsTopology.UNITS_STORE, a, b);
            Map<String, UnitAvailability> views = activeEntries(ReservationsTopology.SECTION_AVAILABILITY_STORE, a, b);
            if (units != null && views != null) {
                Map<String, UnitBook> books = new TreeMap<>();
                units.forEach((key, state) -> books.put(key, UnitBook.of(state)));
                last = new Settled(answered, decided, books, views);
                if (books.equals(replay(decided))
                        && viewViolations(books, views).isEmpty()
                        && stateViolations(books, capacities, lastAnswers(answered))
                                .isEmpty()) {
                    return last;
                }
            }
            answers.waitBriefly();
        }
        if (last == null) {
            throw new AssertionError("the stores could not be queried within " + WAIT);
        }
        return last;
    }

    /**
     * Every entry of a store over the active tasks of both instances (interactive queries), or {@code null} while
     * they rebalance.
     */
    private static <V> Map<String, V> activeEntries(String storeName, Instance... instances) {
        Map<String, V> all = new TreeMap<>();
        for (Instance instance : instances) {
            try {
                ReadOnlyKeyValueStore<String, V> store = instance.streams()
                        .store(StoreQueryParameters.fromNameAndType(
                                storeName, QueryableStoreTypes.<String, V>keyValueStore()));
                try (KeyValueIterator<String, V> entries = store.all()) {
                    while (entries.hasNext()) {
                        var entry = entries.next();
                        if (all.put(entry.key, entry.value) != null) {
                            return null; // active on both: a rebalance is going on
                        }
                    }
                }
            } catch (InvalidStateStoreException rebalancing) {
                return null;
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- reading the logs

    static Set<String> answeredRequests(List<OrderEvent> answers) {
        return answers.stream().map(OrderEvent::getRequestId).collect(Collectors.toSet());
    }

    static Map<String, OrderEvent> firstAnswers(List<OrderEvent> answers, Set<String> requests) {
        Map<String, OrderEvent> first = new LinkedHashMap<>();
        answers.stream()
                .filter(answer -> requests.contains(answer.getRequestId()))
                .forEach(answer -> first.putIfAbsent(answer.getRequestId(), answer));
        return first;
    }

    /** The latest answer about each order: its state as the buyer knows it. One order's answers share a partition. */
    private static Map<String, OrderEvent> lastAnswers(List<OrderEvent> answers) {
        Map<String, OrderEvent> last = new HashMap<>();
        answers.forEach(answer -> last.put(answer.getOrderId(), answer));
        return last;
    }

    /** The latest state of every unit, rebuilt from the decision log alone. */
    private static Map<String, UnitBook> replay(List<ReservationEvent> decisions) {
        Map<String, UnitBook> books = new TreeMap<>();
        decisions.forEach(decision -> books.computeIfAbsent(unitKey(decision), key -> UnitBook.empty())
                .apply(decision));
        return books;
    }

    private static String unitKey(ReservationEvent decision) {
        return decision.getEventId() + "|" + decision.getSectionId() + "|" + decision.getUnitId();
    }

    /** Records on every dead-letter topic of the engine's inputs. */
    static List<String> deadLetters(Topics topics, String bootstrapServers) {
        List<TopicPartition> partitions = topics.platformTopics().stream()
                .map(topic -> new TopicPartition(Topics.deadLetterName(topic.name()), 0))
                .toList();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.endOffsets(partitions).entrySet().stream()
                    .filter(end -> end.getValue() > 0)
                    .map(end -> end.getKey().topic() + ": " + end.getValue())
                    .toList();
        }
    }

    /** Where a unit stands: live holds and sales by hold id. */
    private record Holding(String holdId, String buyerId, String orderId, int quantity) {}

    private record UnitBook(Map<String, Holding> holds, Map<String, Holding> sales) {

        static UnitBook empty() {
            return new UnitBook(new TreeMap<>(), new TreeMap<>());
        }

        static UnitBook of(UnitState state) {
            UnitBook book = empty();
            state.getHolds()
                    .forEach(hold -> book.holds.put(
                            hold.getHoldId(),
                            new Holding(hold.getHoldId(), hold.getBuyerId(), hold.getOrderId(), hold.getQuantity())));
            state.getSales()
                    .forEach(sale -> book.sales.put(
                            sale.getHoldId(),
                            new Holding(sale.getHoldId(), sale.getBuyerId(), sale.getOrderId(), sale.getQuantity())));
            return book;
        }

        void apply(ReservationEvent decision) {
            String holdId = decision.getHoldId();
            Holding holding = holdId == null
                    ? null
                    : new Holding(holdId, decision.getBuyerId(), decision.getOrderId(), decision.getQuantity());
            switch (decision.getType()) {
                case HELD -> holds.put(holdId, holding);
                case SOLD -> {
                    holds.remove(holdId);
                    sales.put(holdId, holding);
                }
                case RELEASED -> {
                    holds.remove(holdId);
                    sales.remove(holdId); // an all-or-nothing order voids a sale it could not complete
                }
                case EXPIRED -> holds.remove(holdId);
                default -> {
                    // CONFIGURED and REJECTED change nobody's tickets
                }
            }
        }

        int taken() {
            return holds.values().stream().mapToInt(Holding::quantity).sum()
                    + sales.values().stream().mapToInt(Holding::quantity).sum();
        }
    }

    /** A topic read from the start, read_committed, on all its partitions, in each partition's order. */
    static final class Log<V> implements AutoCloseable {

        private final KafkaConsumer<String, V> consumer;
        private final List<V> records = new ArrayList<>();

        Log(TopicSpec<String, V> topic, String bootstrapServers) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed"),
                    new StringDeserializer(),
                    topic.valueSerde().deserializer());
            List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                    .mapToObj(partition -> new TopicPartition(topic.name(), partition))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Everything read so far, after reading what has arrived. */
        List<V> read() {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> records.add(record.value()));
            return records;
        }

        /** A poll that waits for new records: the pause between two checks of a condition. */
        void waitBriefly() {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> records.add(record.value()));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    // ---------------------------------------------------------------- the two instances

    private static final class Instance implements AutoCloseable {

        private final String name;
        private final Topics topics;
        private final Properties properties;
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final Consumer<String> timeline;
        private KafkaStreams streams;

        Instance(String name, Topics topics, String applicationId, Path stateDir, Consumer<String> timeline) {
            this.name = name;
            this.timeline = timeline;
            this.topics = topics;
            this.properties = new StreamsProperties(
                            applicationId, RealKafka.bootstrapServers(), stateDir, null, 1, 1, 1)
                    .toProperties();
        }

        /** A fresh {@link KafkaStreams} on this instance's state directory, as a restarted process would build it. */
        void start() {
            streams = new KafkaStreams(ReservationsTopology.build(topics), properties);
            streams.setStateListener((now, before) -> timeline.accept(name + " " + now));
            streams.setUncaughtExceptionHandler(error -> {
                failures.add(error);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
        }

        /** A clean shutdown that hands this instance's tasks over now, as on a rolling restart. */
        boolean stopLeavingTheGroup(Duration timeout) {
            return streams.close(
                    new KafkaStreams.CloseOptions().timeout(timeout).leaveGroup(true));
        }

        KafkaStreams streams() {
            return streams;
        }

        KafkaStreams.State state() {
            return streams.state();
        }

        List<Throwable> failures() {
            return failures;
        }

        boolean runningWithActiveTasks() {
            return streams.state() == KafkaStreams.State.RUNNING
                    && streams.metadataForLocalThreads().stream()
                            .anyMatch(thread -> !thread.activeTasks().isEmpty());
        }

        /** The global stores hold the event and a summary of every section with all its tickets available. */
        boolean knowsVenue(EventConfig venue) {
            try {
                ReadOnlyKeyValueStore<String, EventConfig> events = streams.store(StoreQueryParameters.fromNameAndType(
                        ReservationsTopology.EVENTS_STORE, QueryableStoreTypes.<String, EventConfig>keyValueStore()));
                ReadOnlyKeyValueStore<String, SectionSummary> summaries =
                        streams.store(StoreQueryParameters.fromNameAndType(
                                ReservationsTopology.SECTION_SUMMARIES_STORE,
                                QueryableStoreTypes.<String, SectionSummary>keyValueStore()));
                if (events.get(venue.getEventId()) == null) {
                    return false;
                }
                for (Section section : venue.getSections()) {
                    SectionSummary summary = summaries.get(venue.getEventId() + "|" + section.getSectionId());
                    int capacity = section.getSeats().size()
                            + section.getZones().stream()
                                    .mapToInt(Zone::getCapacity)
                                    .sum();
                    if (summary == null || summary.getAvailable() != capacity) {
                        return false;
                    }
                }
                return true;
            } catch (InvalidStateStoreException notYet) {
                return false;
            }
        }

        @Override
        public void close() {
            if (streams != null) {
                streams.close(Duration.ofSeconds(30));
            }
        }

        @Override
        public String toString() {
            return "instance " + name;
        }
    }

    // ---------------------------------------------------------------- the venue and the orders

    /** A: 4 rows of 10 (hot); B: 4 rows of 10 (pairs); C: 8 rows of 15 (best-available); FLOOR: a zone of 150. */
    static EventConfig venue(Instant saleOpen) {
        return EventConfig.newBuilder()
                .setEventId(EVENT)
                .setName("Failover night")
                .setVenue("Arena")
                .setSaleOpensAt(saleOpen)
                .setCurrency("EUR")
                .setHoldWindowMinutes(10)
                .setPerBuyerLimit(PER_BUYER_LIMIT)
                .setSections(List.of(
                        reserved("A", "T1", 9_900, 4, 10),
                        reserved("B", "T1", 9_900, 4, 10),
                        reserved("C", "T2", 5_900, 8, 15),
                        Section.newBuilder()
                                .setSectionId("FLOOR")
                                .setName("Floor")
                                .setKind(SectionKind.GENERAL_ADMISSION)
                                .setPriceTier("GA")
                                .setPriceMinor(4_500)
                                .setSeats(List.of())
                                .setZones(List.of(Zone.newBuilder()
                                        .setZoneId("FLOOR-1")
                                        .setCapacity(FLOOR_CAPACITY)
                                        .build()))
                                .build()))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }

    private static Section reserved(String sectionId, String tier, long price, int rows, int seatsPerRow) {
        List<Seat> seats = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            for (int number = 1; number <= seatsPerRow; number++) {
                seats.add(Seat.newBuilder()
                        .setSeatId(sectionId + "-" + row + "-" + number)
                        .setRow(Integer.toString(row))
                        .setNumber(number)
                        .build());
            }
        }
        return Section.newBuilder()
                .setSectionId(sectionId)
                .setName("Section " + sectionId)
                .setKind(SectionKind.RESERVED)
                .setPriceTier(tier)
                .setPriceMinor(price)
                .setSeats(seats)
                .setZones(List.of())
                .build();
    }

    static Map<String, Integer> capacities(EventConfig venue) {
        Map<String, Integer> capacities = new TreeMap<>();
        for (Section section : venue.getSections()) {
            section.getSeats()
                    .forEach(seat -> capacities.put(EVENT + "|" + section.getSectionId() + "|" + seat.getSeatId(), 1));
            section.getZones()
                    .forEach(zone -> capacities.put(
                            EVENT + "|" + section.getSectionId() + "|" + zone.getZoneId(), zone.getCapacity()));
        }
        return capacities;
    }

    /**
     * Every buyer: one hot seat (ten buyers a seat), a pair of adjacent seats in B, and either 1–3 best-available
     * seats in C (even buyers) or 1–4 floor tickets (odd buyers); every fourth buyer also one seat in A's back rows.
     * At most 7 tickets a buyer, under the limit of 8. Shuffled, then some PLACEs are sent again later, as a client
     * that timed out would.
     */
    static List<OrderCommand> burst(Random random) {
        List<OrderCommand> places = new ArrayList<>();
        List<String> hot = List.copyOf(HOT_SEATS);
        for (int b = 0; b < BUYERS; b++) {
            String buyer = String.format("buyer-%03d", b);
            places.add(place(buyer, 1, seats("A", hot.get(b % hot.size()))));
            int row = 1 + random.nextInt(4);
            int number = 1 + random.nextInt(9);
            places.add(place(buyer, 2, seats("B", "B-" + row + "-" + number, "B-" + row + "-" + (number + 1))));
            if (b % 2 == 0) {
                places.add(place(buyer, 3, "C", 1 + random.nextInt(3)));
            } else if (b % 3 == 0) {
                places.add(place(
                        buyer,
                        3,
                        List.of(OrderUnit.newBuilder()
                                .setSectionId("FLOOR")
                                .setUnitId("FLOOR-1")
                                .setQuantity(1 + random.nextInt(4))
                                .build())));
            } else {
                places.add(place(buyer, 3, "FLOOR", 1 + random.nextInt(4)));
            }
            if (b % 4 == 0) {
                places.add(
                        place(buyer, 4, seats("A", "A-" + (3 + random.nextInt(2)) + "-" + (1 + random.nextInt(10)))));
            }
        }
        Collections.shuffle(places, random);
        List<OrderCommand> burst = new ArrayList<>(places);
        for (int i = 0; i < RETRIES; i++) {
            OrderCommand original = places.get(i * 12);
            burst.add(
                    places.size() / 2 + i * 13,
                    OrderCommand.newBuilder(original).build());
        }
        return burst;
    }

    static Set<String> retriedRequests(List<OrderCommand> burst) {
        Set<String> seen = new HashSet<>();
        return burst.stream()
                .map(OrderCommand::getRequestId)
                .filter(request -> !seen.add(request))
                .collect(Collectors.toSet());
    }

    private static List<OrderUnit> seats(String sectionId, String... seatIds) {
        return Arrays.stream(seatIds)
                .map(seat -> OrderUnit.newBuilder()
                        .setSectionId(sectionId)
                        .setUnitId(seat)
                        .setQuantity(1)
                        .build())
                .toList();
    }

    private static OrderCommand place(String buyer, int n, List<OrderUnit> units) {
        return placeCommand(buyer, n).setUnits(units).build();
    }

    private static OrderCommand place(String buyer, int n, String sectionId, int quantity) {
        return placeCommand(buyer, n)
                .setSectionId(sectionId)
                .setQuantity(quantity)
                .build();
    }

    private static OrderCommand.Builder placeCommand(String buyer, int n) {
        String orderId = "o-" + buyer + "-" + n;
        return OrderCommand.newBuilder()
                .setRequestId("place-" + orderId)
                .setType(OrderCommandType.PLACE)
                .setOrderId(orderId)
                .setEventId(EVENT)
                .setBuyerId(buyer);
    }

    private static int quantityOf(OrderCommand place) {
        return place.getUnits().isEmpty()
                ? place.getQuantity()
                : place.getUnits().stream().mapToInt(OrderUnit::getQuantity).sum();
    }

    /** Payments and cancellations to send, and the answer each request must get. */
    private record FollowUps(List<OrderCommand> commands, Map<String, OrderEventType> expected, Set<String> retried) {}

    /**
     * Every third held order is paid and every third (the next) cancelled; ten rejected orders are paid or cancelled
     * too and must stay rejected. Every tenth request is sent twice, as a client that timed out would retry it.
     */
    private static FollowUps followUps(List<OrderEvent> held, List<OrderEvent> rejected) {
        List<OrderCommand> commands = new ArrayList<>();
        Map<String, OrderEventType> expected = new LinkedHashMap<>();
        for (int i = 0; i < held.size(); i++) {
            if (i % 3 == 0) {
                commands.add(followUp(OrderCommandType.CONFIRM, held.get(i), "pay-"));
                expected.put(commands.get(commands.size() - 1).getRequestId(), OrderEventType.CONFIRMED);
            } else if (i % 3 == 1) {
                commands.add(followUp(OrderCommandType.CANCEL, held.get(i), "cancel-"));
                expected.put(commands.get(commands.size() - 1).getRequestId(), OrderEventType.CANCELLED);
            }
        }
        for (int i = 0; i < 10; i++) {
            OrderCommandType type = i % 2 == 0 ? OrderCommandType.CONFIRM : OrderCommandType.CANCEL;
            commands.add(followUp(type, rejected.get(i), type == OrderCommandType.CONFIRM ? "pay-" : "cancel-"));
            expected.put(commands.get(commands.size() - 1).getRequestId(), OrderEventType.REJECTED);
        }
        List<OrderCommand> retries = IntStream.range(0, commands.size())
                .filter(i -> i % 10 == 0)
                .mapToObj(i -> OrderCommand.newBuilder(commands.get(i)).build())
                .toList();
        Random random = new Random(7);
        Collections.shuffle(commands, random);
        List<OrderCommand> all = new ArrayList<>(commands);
        retries.forEach(
                retry -> all.add(all.indexOf(retry) + 1 + random.nextInt(all.size() - all.indexOf(retry)), retry));
        return new FollowUps(
                all, expected, retries.stream().map(OrderCommand::getRequestId).collect(Collectors.toSet()));
    }

    private static OrderCommand followUp(OrderCommandType type, OrderEvent order, String requestPrefix) {
        return OrderCommand.newBuilder()
                .setRequestId(requestPrefix + order.getOrderId())
                .setType(type)
                .setOrderId(order.getOrderId())
                .setEventId(EVENT)
                .setBuyerId(order.getBuyerId())
                .setPaymentId(type == OrderCommandType.CONFIRM ? "payment-" + order.getOrderId() : null)
                .build();
    }

    static List<List<OrderCommand>> chunks(List<OrderCommand> all, int count) {
        int size = (all.size() + count - 1) / count;
        List<List<OrderCommand>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }

    private static Set<String> requestIds(List<List<OrderCommand>> chunks) {
        return chunks.stream()
                .flatMap(List::stream)
                .map(OrderCommand::getRequestId)
                .collect(Collectors.toSet());
    }

    private static long count(Map<String, OrderEventType> expected, OrderEventType type) {
        return expected.values().stream().filter(Predicate.isEqual(type)).count();
    }

    /** One transaction per chunk, keyed {@code eventId|buyerId} like the edge does. */
    static void send(KafkaProducer<String, OrderCommand> producer, Topics topics, List<OrderCommand> commands) {
        producer.beginTransaction();
        for (OrderCommand command : commands) {
            producer.send(new ProducerRecord<>(
                    topics.orderRequests().name(), command.getEventId() + "|" + command.getBuyerId(), command));
        }
        producer.commitTransaction();
    }

    static <V> KafkaProducer<String, V> producer(
            Serializer<V> values, String transactionalId, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), values);
        if (transactionalId != null) {
            producer.initTransactions();
        }
        return producer;
    }
}
