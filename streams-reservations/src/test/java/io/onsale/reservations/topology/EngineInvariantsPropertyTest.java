package io.onsale.reservations.topology;

import static io.onsale.reservations.topology.ReservationsTopology.EXPLODED_CONFIGS_STORE;
import static io.onsale.reservations.topology.ReservationsTopology.FINISHED_ORDERS_STORE;
import static io.onsale.reservations.topology.ReservationsTopology.ORDERS_STORE;
import static io.onsale.reservations.topology.ReservationsTopology.PLACED_ORDERS_STORE;
import static io.onsale.reservations.topology.ReservationsTopology.SECTION_AVAILABILITY_STORE;
import static io.onsale.reservations.topology.ReservationsTopology.UNITS_STORE;
import static io.onsale.reservations.topology.ReservationsTopology.UNIT_EXPIRY_INDEX_STORE;
import static io.onsale.reservations.topology.TestEvents.SALE_OPEN;

import io.onsale.kafka.app.StreamsProperties;
import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.dlq.DeadLetterHandler;
import io.onsale.kafka.dlq.DeadLetterPublisher;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.domain.Order;
import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderLine;
import io.onsale.schema.order.OrderLineStatus;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitHold;
import io.onsale.schema.reservation.UnitKind;
import io.onsale.schema.reservation.UnitSale;
import io.onsale.schema.reservation.UnitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The engine's invariants over random interleavings of organizer, buyer and clock actions, with restarts.
 *
 * <p>A try runs one generated list of actions against the whole topology: (re)configure the venue (a seat killed or
 * dropped, a bigger or smaller standing zone), place orders (named seats, several at once, best-available in a section,
 * general admission by quantity, named or picked), confirm, cancel, retry a placement, move the wall clock (the
 * expiry punctuator) or only the record time (lazy expiry on the next command), let the section's view of a taken
 * seat fall behind, and restart. The venue is small (eight seats, a zone of four) and there are 2 to 12 buyers with a
 * limit of four tickets each, so races, refusals, lost best-available picks and limits happen all the time.
 *
 * <p><b>What a restart is here.</b> The driver is closed and a new one opened on the same state directory with the
 * same application id, its wall clock where the old one's was. {@link TopologyTestDriver#close()} deletes the
 * directory's contents ({@code StateDirectory#clean()}), so the two ways an instance comes back are played out:
 * <ul>
 *   <li>with its local state: the directory as of the old driver's last commit (RocksDB flushed, checkpoint
 *       written) is copied aside before the close and put back after it, so the new driver opens the same RocksDB
 *       files, as after a crash and a restart on the same disk;</li>
 *   <li>without it (a lost disk, a new instance, or a crash before any commit under exactly-once): every store is
 *       restored from its changelog, every record the old drivers wrote to {@code <application id>-<store>-changelog}
 *       replayed in order into the empty store before anything else runs.</li>
 * </ul>
 * Either way the global stores are read again from their topics ({@code event-catalog}, {@code section-summaries}),
 * the stores after the restart must equal the stores before it, and every invariant must still hold.
 *
 * <p><b>Settled.</b> {@link TopologyTestDriver} runs every record it pipes to completion, through every
 * repartition loop (order, section, units, order), before {@code pipeInput} returns. So after each action the
 * engine has settled: no order may still be PLACING or CONFIRMING, and every command has had its answer. That
 * holds for best-available orders too: one that lost a pick to a stale section view asks again at most
 * {@code OrderDecider.MAX_ATTEMPTS} times, all within the same cascade, and then is HELD or REJECTED; an order
 * still PLACING after it would be an answer lost. The checks after every action, and after every restart:
 * <ul>
 *   <li>per unit, held + sold never exceeds its capacity; a seat is in at most one hold or sale; no hold id twice;</li>
 *   <li>units and orders agree exactly: the holds of the units are the lines of the HELD orders' current attempts,
 *       the sales are the lines of the CONFIRMED orders, with the same buyer and quantity; so no hold outlives
 *       its order (no partial holds of a rejected, expired or cancelled order), and every held or confirmed order
 *       has all of its units;</li>
 *   <li>the last lifecycle answer of every order is its state in the store, and its HELD/CONFIRMED answer lists the
 *       units it holds; answers follow the lifecycle (first HELD or REJECTED; HELD then CONFIRMED, EXPIRED or
 *       CANCELLED; final states only repeat);</li>
 *   <li>every command gets exactly one answer about its order, under its own request id, in the same step; a
 *       confirm before the hold's deadline always sells;</li>
 *   <li>no buyer has more live tickets (held + sold) than the event's limit;</li>
 *   <li>the expiry index holds exactly one entry per live hold; the section view has the units' counts;</li>
 *   <li>a killed seat takes no new hold; nothing goes to the dead-letter topic;</li>
 *   <li>after a configure, every unit is as configured, except a zone that cannot shrink below what it has held and
 *       sold (the unit refuses that);</li>
 *   <li>no artificial scarcity: a best-available or general-admission order refused SOLD_OUT or
 *       INSUFFICIENT_CAPACITY is refused because the section really has too few free seats (or no zone with room),
 *       the seats it lost to others aside.</li>
 * </ul>
 * At the end the wall clock passes every deadline: no hold is left, and every order that was HELD ended
 * CONFIRMED, EXPIRED or CANCELLED.
 *
 * <p><b>Engine bugs it led to, fixed, each kept as a minimal example:</b> a zone shrink refused while the zone was
 * full was never applied when the same config was sent again
 * ({@link #aShrinkTheZoneRefusedWhileItWasFullAppliesWhenSentAgainOnceItHasRoom}). Two more, a best-available order
 * refused although its section had room because the section's view of its seats lagged behind the seats, cannot
 * happen since a section's view and its units are one task's state (ADR 0009); their examples went with the lag.
 *
 * <p>Orders go the way the edge sends them (ADR 0009, ADR 0013): an order for one section to {@code hold-requests},
 * decided and answered by the section, or, when the buyer's books show it would take the buyer over the limit or that
 * the buyer gave up too many holds lately (the edge's checks; ADR 0018), marked {@code toBooks} and handed on by the
 * section to the books; orders that span sections to the
 * books on {@code order-requests}. A retry goes to the books when the edge sees they know the order, else the same
 * way as a new order without the check (an edge that cannot see the books).
 */
class EngineInvariantsPropertyTest {

    private static final Topics TOPICS = Topics.from(Topics.Settings.defaults());
    private static final String APPLICATION_ID = "engine-invariants";
    private static final String EVENT = "E1";
    private static final int PER_BUYER_LIMIT = 4;
    private static final int HOLD_WINDOW_MINUTES = 10;
    private static final int FLOOR_CAPACITY = 4;
    private static final List<String> SEATS =
            List.of("A-1-1", "A-1-2", "A-1-3", "A-2-1", "A-2-2", "A-2-3", "B-1-1", "B-1-2");
    private static final String NO_KILL = "-";
    /** Every store of the engine's tasks, with how its changelog values read; global stores come from their topics. */
    private static final Map<String, Deserializer<?>> STORE_VALUES = Map.of(
            EXPLODED_CONFIGS_STORE, AvroSerdes.of(EventConfig.class).deserializer(),
            UNITS_STORE, AvroSerdes.of(UnitState.class).deserializer(),
            ORDERS_STORE, AvroSerdes.of(BuyerOrders.class).deserializer(),
            FINISHED_ORDERS_STORE, AvroSerdes.of(BuyerOrders.class).deserializer(),
            UNIT_EXPIRY_INDEX_STORE, Serdes.String().deserializer(),
            SECTION_AVAILABILITY_STORE, AvroSerdes.of(UnitAvailability.class).deserializer(),
            PLACED_ORDERS_STORE, AvroSerdes.of(OrderEvent.class).deserializer());

    private static final List<String> STORES =
            STORE_VALUES.keySet().stream().sorted().toList();

    /**
     * An engine bug the property below led to (fixed: every config re-sends its zones). The zone holds 4 of 4; the organizer shrinks it to 3, which the unit rightly refuses
     * (INVALID_COMMAND: it may not shrink below what it has). The holds expire, and the organizer sends the same
     * config again: now the zone could take it, but {@code EventConfigExploder} compares the config with the last one
     * it exploded (stored in {@code exploded-configs} although the unit refused it), finds the zone unchanged and
     * sends no CONFIGURE. The zone keeps capacity 4 for good while the catalogue says 3, and the next buyer is
     * given 4 tickets of a zone configured for 3.
     */
    @Example
    void aShrinkTheZoneRefusedWhileItWasFullAppliesWhenSentAgainOnceItHasRoom() throws IOException {
        Path stateDir = newStateDir();
        try (EngineRun run = new EngineRun(stateDir, 2)) {
            List<Action> actions = List.of(
                    new PlaceStanding(0, 4, true),
                    new Configure(NO_KILL, false, 3),
                    new AdvanceWallClock((HOLD_WINDOW_MINUTES + 1) * 60),
                    new Configure(NO_KILL, false, 3),
                    new PlaceStanding(1, 4, true));
            for (int step = 0; step < actions.size(); step++) {
                run.perform(step, actions.get(step));
            }
        } finally {
            deleteRecursively(stateDir);
        }
    }

    @Example
    void aRestartRestoresEveryStoreOfTheEngine() {
        Set<String> taskStores = ReservationsTopology.build(TOPICS).describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Processor)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!taskStores.equals(new TreeSet<>(STORES))) {
            throw new AssertionError(
                    "the restarts below restore " + STORES + " from their changelogs, but the engine's " + "tasks have "
                            + taskStores + ": add the missing store to STORE_VALUES");
        }
    }

    @Property(tries = 100)
    void noInterleavingOfOrdersClocksReconfigurationsAndRestartsBreaksTheEngineInvariants(
            @ForAll @IntRange(min = 2, max = 12) int buyers, @ForAll("actions") List<Action> actions)
            throws IOException {
        Path stateDir = newStateDir();
        try (EngineRun run = new EngineRun(stateDir, buyers)) {
            for (int step = 0; step < actions.size(); step++) {
                run.perform(step, actions.get(step));
            }
            run.passEveryDeadline();
        } finally {
            deleteRecursively(stateDir);
        }
    }

    // ---- actions

    /** One thing an organizer, a buyer or the clock does. Buyers and orders are picked by index, modulo what exists. */
    interface Action {}

    /**
     * The organizer configures the venue again: optionally one seat blocked, killed or dropped from the config (a
     * dropped unit is blocked, never forgotten), and the standing zone at some capacity.
     */
    record Configure(String killedSeat, boolean dropsTheSeat, int floorCapacity) implements Action {}

    record PlaceSeats(int buyer, List<String> seats) implements Action {}

    record PlaceBestAvailable(int buyer, String sectionId, int quantity) implements Action {}

    /** General admission: the zone named with a quantity, or a quantity of the section for the allocator to place. */
    record PlaceStanding(int buyer, int quantity, boolean namesTheZone) implements Action {}

    record Confirm(int order) implements Action {}

    record Cancel(int order) implements Action {}

    /**
     * The same PLACE again (a client retry): the same answer, nothing taken twice. {@code edgeSeesTheBooks}: the edge
     * keeps the buyer's books and sends an order they know to them (single instance); otherwise another instance keeps
     * them and this edge sends every order for one section to its section, whichever way the first try went.
     */
    record RetryPlace(int order, boolean edgeSeesTheBooks) implements Action {}

    /** Time passes and the wall-clock punctuator runs. */
    record AdvanceWallClock(int seconds) implements Action {}

    /** Only record time passes (the punctuator lags): due holds expire lazily, on the next command for their unit. */
    record AdvanceRecordTime(int seconds) implements Action {}

    /**
     * The engine stops and starts again on the same state directory with the same application id, either keeping
     * its local RocksDB state as of the last commit (a crash and a restart on the same disk) or without it (a lost
     * disk, or a new instance), restoring every store from its changelog.
     */
    record Restart(boolean keepsLocalState) implements Action {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> buyer = Arbitraries.integers().between(0, 11);
        Arbitrary<Integer> order = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> seconds = Arbitraries.of(1, 30, 120, 300, 601, 660);
        Arbitrary<Action> configure = Combinators.combine(
                        Arbitraries.of(Stream.concat(Stream.of(NO_KILL), SEATS.stream())
                                .toList()),
                        Arbitraries.of(false, true),
                        Arbitraries.of(FLOOR_CAPACITY, 7, 3))
                .as(Configure::new);
        Arbitrary<Action> confirm = order.map(Confirm::new);
        Arbitrary<Action> cancel = order.map(Cancel::new);
        Arbitrary<Action> retry =
                Combinators.combine(order, Arbitraries.of(false, true)).as(RetryPlace::new);
        Arbitrary<Action> wallClock = seconds.map(AdvanceWallClock::new);
        Arbitrary<Action> recordTime = seconds.map(AdvanceRecordTime::new);
        Arbitrary<Action> restart = Arbitraries.of(true, false).map(Restart::new);
        Arbitrary<Action> placeSeats = Combinators.combine(
                        buyer,
                        Arbitraries.of(SEATS)
                                .list()
                                .uniqueElements()
                                .ofMinSize(1)
                                .ofMaxSize(3))
                .as(PlaceSeats::new);
        Arbitrary<Action> placeBest = Combinators.combine(
                        buyer, Arbitraries.of("A", "B"), Arbitraries.integers().between(1, 3))
                .as(PlaceBestAvailable::new);
        Arbitrary<Action> placeStanding = Combinators.combine(
                        buyer, Arbitraries.integers().between(1, 4), Arbitraries.of(false, true))
                .as(PlaceStanding::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, placeSeats),
                        Tuple.of(4, placeBest),
                        Tuple.of(3, placeStanding),
                        Tuple.of(4, confirm),
                        Tuple.of(2, cancel),
                        Tuple.of(2, retry),
                        Tuple.of(2, wallClock),
                        Tuple.of(2, recordTime),
                        Tuple.of(1, configure),
                        Tuple.of(2, restart))
                .list()
                .ofMinSize(5)
                .ofMaxSize(25)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    // ---- one try

    private record PlacedOrder(String orderId, String buyerId, OrderCommand command, int placedAtStep) {}

    /** What a command must be answered with: exactly one answer about the order, under the command's request id. */
    private record Expectation(String orderId, String requestId, Set<OrderEventType> allowed) {}

    /** The engine under test, the inputs it was given and what it answered, across restarts. */
    private static final class EngineRun implements AutoCloseable {

        private final Path stateDir;
        private final int buyers;
        private final List<String> log = new ArrayList<>();
        private final Map<String, Map<String, Object>> changelogged = new HashMap<>();
        private final Map<String, EventConfig> catalogue = new LinkedHashMap<>();
        private final Map<String, SectionSummary> summaries = new LinkedHashMap<>();
        private final List<PlacedOrder> placed = new ArrayList<>();
        private final Map<String, PlacedOrder> ordersById = new HashMap<>();
        /** Per order, its lifecycle answers in order (re-answers included). */
        private final Map<String, List<OrderEvent>> lifecycle = new HashMap<>();

        private final Set<String> holdsSeen = new HashSet<>();
        private final Set<String> askedAgain = new HashSet<>();
        private final List<MockProducer<byte[], byte[]>> deadLetters = new ArrayList<>();

        private TopologyTestDriver driver;
        private TestInputTopic<String, EventConfig> eventConfig;
        private TestInputTopic<String, OrderCommand> orderRequests;
        private TestInputTopic<String, OrderCommand> holdRequests;
        private TestOutputTopic<String, OrderEvent> orderEvents;
        private TestOutputTopic<String, ReservationEvent> reservationEvents;
        private TestOutputTopic<String, EventConfig> catalogueOut;
        private TestOutputTopic<String, SectionSummary> summariesOut;
        private final Map<String, TestOutputTopic<String, byte[]>> changelogs = new HashMap<>();

        /** Record time: the timestamp of the next input. */
        private Instant now = SALE_OPEN.minusSeconds(60);
        /** The driver's wall clock; never ahead of record time. */
        private Instant wall = now;

        private String killedSeat = NO_KILL;

        EngineRun(Path stateDir, int buyers) {
            this.stateDir = stateDir;
            this.buyers = buyers;
            STORES.forEach(store -> changelogged.put(store, new LinkedHashMap<>()));
            open();
            perform(-1, new Configure(NO_KILL, false, FLOOR_CAPACITY));
            now = SALE_OPEN;
        }

        void perform(int step, Action action) {
            perform(step, "step " + step + ": " + action, action);
        }

        private void perform(int step, String label, Action action) {
            log.add(label);
            List<Expectation> expected = new ArrayList<>();
            if (action instanceof Configure configure) {
                killedSeat = configure.killedSeat();
                eventConfig.pipeInput(
                        EVENT, venue(configure.killedSeat(), configure.dropsTheSeat(), configure.floorCapacity()), now);
            } else if (action instanceof PlaceSeats seats) {
                expected.add(place(
                        step,
                        seats.buyer(),
                        seats.seats().stream()
                                .map(seat -> unit(seat.substring(0, 1), seat, 1))
                                .toList(),
                        null,
                        0));
            } else if (action instanceof PlaceBestAvailable best) {
                expected.add(place(step, best.buyer(), List.of(), best.sectionId(), best.quantity()));
            } else if (action instanceof PlaceStanding standing) {
                expected.add(
                        standing.namesTheZone()
                                ? place(
                                        step,
                                        standing.buyer(),
                                        List.of(unit("FLOOR", "FLOOR-1", standing.quantity())),
                                        null,
                                        0)
                                : place(step, standing.buyer(), List.of(), "FLOOR", standing.quantity()));
            } else if (action instanceof Confirm confirm) {
                expected.add(confirmOrCancel(step, confirm.order(), OrderCommandType.CONFIRM));
            } else if (action instanceof Cancel cancel) {
                expected.add(confirmOrCancel(step, cancel.order(), OrderCommandType.CANCEL));
            } else if (action instanceof RetryPlace retry) {
                expected.add(retry(retry.order(), retry.edgeSeesTheBooks()));
            } else if (action instanceof AdvanceWallClock clock) {
                now = now.plusSeconds(clock.seconds());
                driver.advanceWallClockTime(Duration.between(wall, now));
                wall = now;
            } else if (action instanceof AdvanceRecordTime recordTime) {
                now = now.plusSeconds(recordTime.seconds());
            } else if (action instanceof Restart restart) {
                restart(label, restart.keepsLocalState());
            } else {
                throw new IllegalArgumentException("unknown action " + action);
            }
            expected.removeIf(expectation -> expectation == null);
            settle(step, label, expected);
            if (action instanceof Configure configure) {
                checkConfigApplies(label, configure);
            }
        }

        /** The end of the sale: the wall clock passes every deadline, and every hold must have ended. */
        void passEveryDeadline() {
            Action end = new AdvanceWallClock((HOLD_WINDOW_MINUTES + 1) * 60);
            perform(-1, "the end: " + end, end);
            List<String> problems = new ArrayList<>();
            storeContents(UNITS_STORE, UnitState.class).forEach((key, unit) -> {
                if (!unit.getHolds().isEmpty()) {
                    problems.add("hold never ended after every deadline passed: " + key + " " + unit.getHolds());
                }
            });
            Map<String, OrderStatus> statuses = orderStatuses();
            lifecycle.forEach((orderId, answers) -> {
                boolean wasHeld = answers.stream().anyMatch(answer -> answer.getType() == OrderEventType.HELD);
                OrderStatus status = statuses.get(orderId);
                if (wasHeld
                        && status != OrderStatus.CONFIRMED
                        && status != OrderStatus.EXPIRED
                        && status != OrderStatus.CANCELLED) {
                    problems.add("order " + orderId + " was HELD and ended " + status);
                }
            });
            fail("after every deadline", problems);
        }

        // ---- buyers

        private Expectation place(int step, int buyerIndex, List<OrderUnit> units, String sectionId, int quantity) {
            String buyerId = "b" + (buyerIndex % buyers);
            String orderId = "o" + step;
            OrderCommand command = OrderCommand.newBuilder()
                    .setRequestId("place-" + orderId)
                    .setType(OrderCommandType.PLACE)
                    .setOrderId(orderId)
                    .setEventId(EVENT)
                    .setBuyerId(buyerId)
                    .setUnits(units)
                    .setSectionId(sectionId)
                    .setQuantity(quantity)
                    .build();
            PlacedOrder order = new PlacedOrder(orderId, buyerId, command, step);
            placed.add(order);
            ordersById.put(orderId, order);
            String section = sectionId != null ? sectionId : units.get(0).getSectionId();
            boolean oneSection =
                    units.stream().allMatch(unit -> unit.getSectionId().equals(section));
            int tickets = sectionId != null
                    ? quantity
                    : units.stream().mapToInt(OrderUnit::getQuantity).sum();
            if (oneSection) {
                command.setToBooks(liveTickets(buyerId) + tickets > PER_BUYER_LIMIT || givenUpTooMany(buyerId));
                holdRequests.pipeInput(EVENT + "|" + section, command, now);
            } else {
                orderRequests.pipeInput(EVENT + "|" + buyerId, command, now);
            }
            return new Expectation(
                    orderId, command.getRequestId(), EnumSet.of(OrderEventType.HELD, OrderEventType.REJECTED));
        }

        /** What the edge sees before it sends an order to its section: the buyer's live tickets in the books. */
        private int liveTickets(String buyerId) {
            BuyerOrders books = storeContents(ORDERS_STORE, BuyerOrders.class).get(EVENT + "|" + buyerId);
            if (books == null) {
                return 0;
            }
            return books.getOrders().stream()
                    .filter(order -> order.getStatus() == OrderStatus.PLACING
                            || order.getStatus() == OrderStatus.HELD
                            || order.getStatus() == OrderStatus.CONFIRMING
                            || order.getStatus() == OrderStatus.CONFIRMED)
                    .mapToInt(OrderState::getQuantity)
                    .sum();
        }

        /** What the edge also sees there: the buyer gave up too many held orders lately to hold again (ADR 0018). */
        private boolean givenUpTooMany(String buyerId) {
            BuyerOrders books = storeContents(ORDERS_STORE, BuyerOrders.class).get(EVENT + "|" + buyerId);
            return books != null
                    && ReleasePolicy.holdsRefusedUntil(books.getReleases(), now).isPresent();
        }

        private Expectation retry(int orderIndex, boolean edgeSeesTheBooks) {
            if (placed.isEmpty()) {
                return null;
            }
            PlacedOrder order = placed.get(orderIndex % placed.size());
            OrderEventType status = lastLifecycle(order.orderId()).getType();
            OrderCommand again = OrderCommand.newBuilder(order.command()).build();
            boolean booksKnowIt = storeContents(ORDERS_STORE, BuyerOrders.class)
                    .getOrDefault(
                            EVENT + "|" + order.buyerId(),
                            BuyerOrders.newBuilder()
                                    .setEventId(EVENT)
                                    .setBuyerId(order.buyerId())
                                    .build())
                    .getOrders()
                    .stream()
                    .anyMatch(known -> known.getOrderId().equals(order.orderId()));
            String only = again.getSectionId() != null
                    ? again.getSectionId()
                    : again.getUnits().get(0).getSectionId();
            boolean oneSection = again.getUnits().stream()
                    .allMatch(unit -> unit.getSectionId().equals(only));
            again.setToBooks(false);
            if (oneSection && !(edgeSeesTheBooks && booksKnowIt)) {
                holdRequests.pipeInput(EVENT + "|" + only, again, now);
            } else {
                orderRequests.pipeInput(EVENT + "|" + order.buyerId(), again, now);
            }
            return new Expectation(order.orderId(), order.command().getRequestId(), EnumSet.of(status));
        }

        private Expectation confirmOrCancel(int step, int orderIndex, OrderCommandType type) {
            if (placed.isEmpty()) {
                return null;
            }
            PlacedOrder order = placed.get(orderIndex % placed.size());
            OrderEvent last = lastLifecycle(order.orderId());
            boolean confirm = type == OrderCommandType.CONFIRM;
            String requestId = (confirm ? "pay-" : "cancel-") + step;
            OrderCommand command = OrderCommand.newBuilder()
                    .setRequestId(requestId)
                    .setType(type)
                    .setOrderId(order.orderId())
                    .setEventId(EVENT)
                    .setBuyerId(order.buyerId())
                    .setPaymentId(confirm ? "payment-" + step : null)
                    .build();
            orderRequests.pipeInput(EVENT + "|" + order.buyerId(), command, now);
            Set<OrderEventType> allowed;
            if (last.getType() != OrderEventType.HELD) {
                // A finished order answers as it ended; a confirmed one refuses to be cancelled.
                allowed = !confirm && last.getType() == OrderEventType.CONFIRMED
                        ? EnumSet.of(OrderEventType.REJECTED)
                        : EnumSet.of(last.getType());
            } else if (!confirm) {
                allowed = EnumSet.of(OrderEventType.CANCELLED);
            } else if (now.isBefore(last.getHoldExpiresAt())) {
                allowed = EnumSet.of(OrderEventType.CONFIRMED); // paid in time: it must sell
            } else {
                allowed = EnumSet.of(OrderEventType.EXPIRED);
            }
            return new Expectation(order.orderId(), requestId, allowed);
        }

        private OrderEvent lastLifecycle(String orderId) {
            List<OrderEvent> answers = lifecycle.get(orderId);
            if (answers == null || answers.isEmpty()) {
                throw new AssertionError("order " + orderId + " was never answered\n" + String.join("\n", log));
            }
            return answers.get(answers.size() - 1);
        }

        // ---- restarts

        private void restart(String label, boolean keepsLocalState) {
            if (keepsLocalState) {
                // Under exactly-once the local state is only trusted with the checkpoint a commit writes (a crash
                // before any commit wipes it and restores from the changelog: the other kind of restart). A driver
                // that has processed nothing yet has not committed: commit now, without moving the clock.
                driver.advanceWallClockTime(Duration.ZERO);
            }
            // Avro's equals trips over optional timestamps: compare the stores as text.
            Map<String, String> before = new TreeMap<>();
            STORES.forEach(store ->
                    before.put(store, storeContents(store, Object.class).toString()));
            Statistics.label("restarts")
                    .collect((keepsLocalState ? "from local state" : "from the changelogs")
                            + (storeContents(UNITS_STORE, UnitState.class).values().stream()
                                            .anyMatch(unit -> !unit.getHolds().isEmpty())
                                    ? ", with live holds"
                                    : ", without live holds"));
            Path localState = keepsLocalState ? snapshotOf(stateDir) : null;
            driver.close(); // deletes the state directory's contents
            if (localState != null) {
                try {
                    copyTree(localState, stateDir);
                    deleteRecursively(localState);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            open();
            // Global stores are filled from their topics on every start.
            TestInputTopic<String, EventConfig> catalogueIn = driver.createInputTopic(
                    TOPICS.eventCatalog().name(),
                    Serdes.String().serializer(),
                    TOPICS.eventCatalog().valueSerde().serializer());
            catalogue.forEach((key, config) -> catalogueIn.pipeInput(key, config, now));
            TestInputTopic<String, SectionSummary> summariesIn = driver.createInputTopic(
                    TOPICS.sectionSummaries().name(),
                    Serdes.String().serializer(),
                    TOPICS.sectionSummaries().valueSerde().serializer());
            summaries.forEach((key, summary) -> summariesIn.pipeInput(key, summary, now));
            if (!keepsLocalState) {
                for (String store : STORES) {
                    KeyValueStore<String, Object> restored = driver.getKeyValueStore(store);
                    changelogged.get(store).forEach(restored::put);
                }
            }
            List<String> problems = new ArrayList<>();
            for (String store : STORES) {
                String after = storeContents(store, Object.class).toString();
                if (!after.equals(before.get(store))) {
                    problems.add("store " + store + " differs after the restart:\n  before " + before.get(store)
                            + "\n  after  " + after);
                }
            }
            fail(label, problems);
        }

        private void open() {
            Properties props = StreamsProperties.local(APPLICATION_ID, "unused:9092", stateDir)
                    .toProperties();
            MockProducer<byte[], byte[]> dlq =
                    new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            deadLetters.add(dlq);
            props.put(DeadLetterHandler.PUBLISHER_CONFIG, new DeadLetterPublisher(dlq));
            driver = new TopologyTestDriver(ReservationsTopology.build(TOPICS), props, wall);
            eventConfig = driver.createInputTopic(
                    TOPICS.eventConfig().name(),
                    Serdes.String().serializer(),
                    TOPICS.eventConfig().valueSerde().serializer());
            orderRequests = driver.createInputTopic(
                    TOPICS.orderRequests().name(),
                    Serdes.String().serializer(),
                    TOPICS.orderRequests().valueSerde().serializer());
            holdRequests = driver.createInputTopic(
                    TOPICS.holdRequests().name(),
                    Serdes.String().serializer(),
                    TOPICS.holdRequests().valueSerde().serializer());
            orderEvents = driver.createOutputTopic(
                    TOPICS.orderEvents().name(),
                    Serdes.String().deserializer(),
                    TOPICS.orderEvents().valueSerde().deserializer());
            reservationEvents = driver.createOutputTopic(
                    TOPICS.reservationEvents().name(),
                    Serdes.String().deserializer(),
                    TOPICS.reservationEvents().valueSerde().deserializer());
            catalogueOut = driver.createOutputTopic(
                    TOPICS.eventCatalog().name(),
                    Serdes.String().deserializer(),
                    TOPICS.eventCatalog().valueSerde().deserializer());
            summariesOut = driver.createOutputTopic(
                    TOPICS.sectionSummaries().name(),
                    Serdes.String().deserializer(),
                    TOPICS.sectionSummaries().valueSerde().deserializer());
            changelogs.clear();
        }

        @Override
        public void close() {
            if (driver != null) {
                driver.close();
            }
        }

        // ---- after every step

        /** What the organizer configured is what the units are, except a zone that cannot shrink below what it has. */
        private void checkConfigApplies(String label, Configure configure) {
            List<String> problems = new ArrayList<>();
            storeContents(UNITS_STORE, UnitState.class).forEach((key, unit) -> {
                if (unit.getSpec().getKind() == UnitKind.SEAT) {
                    if (unit.getSpec().getKilled() != unit.getUnitId().equals(configure.killedSeat())) {
                        problems.add(key + " is " + (unit.getSpec().getKilled() ? "" : "not ") + "killed after "
                                + configure);
                    }
                    return;
                }
                int taken =
                        unit.getHolds().stream().mapToInt(UnitHold::getQuantity).sum()
                                + unit.getSales().stream()
                                        .mapToInt(UnitSale::getQuantity)
                                        .sum();
                if (unit.getSpec().getCapacity() != configure.floorCapacity() && taken <= configure.floorCapacity()) {
                    // Only a zone that holds or sold more than the new capacity may refuse it (as designed).
                    problems.add(key + " has capacity " + unit.getSpec().getCapacity() + " after " + configure
                            + ", with " + taken + " held or sold");
                }
            });
            fail(label, problems);
        }

        private void settle(int step, String label, List<Expectation> expected) {
            for (String store : STORES) {
                String changelog = APPLICATION_ID + "-" + store + "-changelog";
                if (!changelogs.containsKey(store)
                        && driver.producedTopicNames().contains(changelog)) {
                    changelogs.put(
                            store,
                            driver.createOutputTopic(
                                    changelog, Serdes.String().deserializer(), new ByteArrayDeserializer()));
                }
                if (!changelogs.containsKey(store)) {
                    continue;
                }
                Deserializer<?> values = STORE_VALUES.get(store);
                for (TestRecord<String, byte[]> change : changelogs.get(store).readRecordsToList()) {
                    if (change.value() == null) {
                        changelogged.get(store).remove(change.key());
                    } else {
                        changelogged.get(store).put(change.key(), values.deserialize(store, change.value()));
                    }
                }
            }
            catalogueOut.readKeyValuesToList().forEach(config -> catalogue.put(config.key, config.value));
            summariesOut.readKeyValuesToList().forEach(summary -> summaries.put(summary.key, summary.value));

            List<String> problems = new ArrayList<>();
            List<OrderEvent> answers = orderEvents.readValuesToList();
            checkAnswers(expected, answers, problems);
            checkNoArtificialScarcity(step, answers, problems);
            checkKilledSeatTakesNoNewHold(reservationEvents.readValuesToList(), problems);
            deadLetters.forEach(dlq -> dlq.history().forEach(record -> problems.add("dead-lettered: " + record)));
            checkState(problems);
            fail(label, problems);
        }

        private void checkAnswers(List<Expectation> expected, List<OrderEvent> answers, List<String> problems) {
            for (Expectation expectation : expected) {
                List<OrderEvent> about = answers.stream()
                        .filter(answer -> answer.getOrderId().equals(expectation.orderId()))
                        .toList();
                if (about.size() != 1
                        || !about.get(0).getRequestId().equals(expectation.requestId())
                        || !expectation.allowed().contains(about.get(0).getType())) {
                    problems.add("expected exactly one answer " + expectation.allowed() + " to "
                            + expectation.requestId() + " about " + expectation.orderId() + ", got " + about);
                }
            }
            for (OrderEvent answer : answers) {
                Statistics.label("answers")
                        .collect(answer.getType() + (answer.getReason() == null ? "" : " " + answer.getReason()));
                PlacedOrder order = ordersById.get(answer.getOrderId());
                if (order == null || !order.buyerId().equals(answer.getBuyerId())) {
                    problems.add("answer about an order nobody placed: " + answer);
                    continue;
                }
                boolean refusal = answer.getType() == OrderEventType.REJECTED;
                if (refusal && !answer.getRequestId().equals(order.command().getRequestId())) {
                    continue; // a confirm or cancel refused (NOT_HELD, ALREADY_CONFIRMED, …): the order did not change
                }
                List<OrderEvent> history = lifecycle.computeIfAbsent(answer.getOrderId(), orderId -> new ArrayList<>());
                OrderEventType previous = history.isEmpty()
                        ? null
                        : history.get(history.size() - 1).getType();
                if (!follows(previous, answer.getType())) {
                    problems.add("order " + answer.getOrderId() + " went " + previous + " -> " + answer.getType() + ": "
                            + answer);
                }
                history.add(answer);
            }
        }

        private static boolean follows(OrderEventType previous, OrderEventType next) {
            if (previous == null) {
                return next == OrderEventType.HELD || next == OrderEventType.REJECTED;
            }
            if (previous == OrderEventType.HELD) {
                return next == OrderEventType.HELD
                        || next == OrderEventType.CONFIRMED
                        || next == OrderEventType.EXPIRED
                        || next == OrderEventType.CANCELLED;
            }
            return next == previous;
        }

        /**
         * A best-available or general-admission order refused for lack of room (SOLD_OUT, INSUFFICIENT_CAPACITY) is
         * refused because the section really lacks it: once the engine has settled, the section has fewer free seats
         * (or no zone with enough room) than asked, the seats the order lost to others aside.
         */
        private void checkNoArtificialScarcity(int step, List<OrderEvent> answers, List<String> problems) {
            Map<String, UnitState> units = null;
            for (OrderEvent answer : answers) {
                PlacedOrder placedOrder = ordersById.get(answer.getOrderId());
                // Only the answer to the placement itself: a retry re-answers as decided then, not as things are now.
                boolean refusedForRoom = answer.getType() == OrderEventType.REJECTED
                        && placedOrder != null
                        && placedOrder.placedAtStep() == step
                        && placedOrder.command().getSectionId() != null
                        && answer.getRequestId().equals(placedOrder.command().getRequestId())
                        && ("SOLD_OUT".equals(answer.getReason())
                                || "INSUFFICIENT_CAPACITY".equals(answer.getReason()));
                if (!refusedForRoom) {
                    continue;
                }
                units = units == null ? storeContents(UNITS_STORE, UnitState.class) : units;
                OrderState order =
                        storeContents(ORDERS_STORE, BuyerOrders.class)
                                .get(EVENT + "|" + placedOrder.buyerId())
                                .getOrders()
                                .stream()
                                .filter(candidate -> candidate.getOrderId().equals(answer.getOrderId()))
                                .findFirst()
                                .orElseThrow();
                String sectionId = placedOrder.command().getSectionId();
                int quantity = placedOrder.command().getQuantity();
                List<String> freeSeats = new ArrayList<>();
                boolean zoneWithRoom = false;
                for (UnitState unit : units.values()) {
                    if (!unit.getSectionId().equals(sectionId)
                            || unit.getSpec().getKilled()
                            || order.getExcludedUnitIds().contains(unit.getUnitId())) {
                        continue;
                    }
                    int taken = unit.getHolds().stream()
                                    .mapToInt(UnitHold::getQuantity)
                                    .sum()
                            + unit.getSales().stream()
                                    .mapToInt(UnitSale::getQuantity)
                                    .sum();
                    if (unit.getSpec().getKind() == UnitKind.SEAT && taken == 0) {
                        freeSeats.add(unit.getUnitId());
                    }
                    zoneWithRoom |= unit.getSpec().getKind() == UnitKind.ZONE
                            && unit.getSpec().getCapacity() - taken >= quantity;
                }
                if (freeSeats.size() < quantity && !zoneWithRoom) {
                    continue;
                }
                problems.add("order " + answer.getOrderId() + " for " + quantity + " in " + sectionId + " was refused "
                        + answer.getReason() + " (attempt " + order.getAttempt() + ") though "
                        + (zoneWithRoom ? "a zone had room" : freeSeats + " were free"));
            }
        }

        private void checkKilledSeatTakesNoNewHold(List<ReservationEvent> decisions, List<String> problems) {
            for (ReservationEvent decision : decisions) {
                if (decision.getType() != ReservationEventType.HELD) {
                    continue;
                }
                boolean isNew = holdsSeen.add(decision.getUnitId() + "|" + decision.getHoldId());
                if (isNew && decision.getUnitId().equals(killedSeat)) {
                    problems.add("the killed seat " + killedSeat + " took a new hold: " + decision);
                }
            }
        }

        private void checkState(List<String> problems) {
            Map<String, UnitState> units = storeContents(UNITS_STORE, UnitState.class);
            Map<String, BuyerOrders> books = storeContents(ORDERS_STORE, BuyerOrders.class);
            Map<String, String> index = storeContents(UNIT_EXPIRY_INDEX_STORE, String.class);
            Map<String, UnitAvailability> view = storeContents(SECTION_AVAILABILITY_STORE, UnitAvailability.class);

            Set<String> fromUnits = new TreeSet<>();
            Map<String, String> expectedIndex = new TreeMap<>();
            Map<String, Integer> liveTicketsByBuyer = new TreeMap<>();
            units.forEach((key, unit) -> {
                int held =
                        unit.getHolds().stream().mapToInt(UnitHold::getQuantity).sum();
                int sold =
                        unit.getSales().stream().mapToInt(UnitSale::getQuantity).sum();
                if (held + sold > unit.getSpec().getCapacity()) {
                    problems.add(key + ": held " + held + " + sold " + sold + " exceed capacity "
                            + unit.getSpec().getCapacity());
                }
                if (unit.getSpec().getKind() == UnitKind.SEAT
                        && unit.getHolds().size() + unit.getSales().size() > 1) {
                    problems.add("seat " + key + " is in more than one hold or sale: " + unit.getHolds() + " "
                            + unit.getSales());
                }
                Set<String> holdIds = new HashSet<>();
                for (UnitHold hold : unit.getHolds()) {
                    if (!holdIds.add(hold.getHoldId()) || hold.getQuantity() < 1) {
                        problems.add(key + ": bad or repeated hold " + hold);
                    }
                    fromUnits.add(claim(
                            key, "HOLD", hold.getHoldId(), hold.getBuyerId(), hold.getOrderId(), hold.getQuantity()));
                    expectedIndex.put(
                            ExpiryIndex.key(
                                    hold.getExpiresAt(),
                                    new UnitKey(unit.getEventId(), unit.getSectionId(), unit.getUnitId()),
                                    hold.getHoldId()),
                            key);
                    liveTicketsByBuyer.merge(hold.getBuyerId(), hold.getQuantity(), Integer::sum);
                }
                for (UnitSale sale : unit.getSales()) {
                    if (!holdIds.add(sale.getHoldId()) || sale.getQuantity() < 1) {
                        problems.add(key + ": bad or repeated sale " + sale);
                    }
                    fromUnits.add(claim(
                            key, "SALE", sale.getHoldId(), sale.getBuyerId(), sale.getOrderId(), sale.getQuantity()));
                    liveTicketsByBuyer.merge(sale.getBuyerId(), sale.getQuantity(), Integer::sum);
                }
                UnitAvailability seen = view.get(key);
                boolean follows = seen != null
                        && seen.getHeld() == held
                        && seen.getSold() == sold
                        && seen.getCapacity() == unit.getSpec().getCapacity()
                        && seen.getKilled() == unit.getSpec().getKilled();
                if (!follows) {
                    problems.add("the section view of " + key + " is " + seen + " but the unit has held " + held
                            + ", sold " + sold + ", " + unit.getSpec());
                }
            });
            liveTicketsByBuyer.forEach((buyer, tickets) -> {
                if (tickets > PER_BUYER_LIMIT) {
                    problems.add("buyer " + buyer + " has " + tickets + " live tickets, over the limit of "
                            + PER_BUYER_LIMIT);
                }
            });
            if (!index.equals(expectedIndex)) {
                problems.add("the expiry index is not one entry per live hold:\n  index " + index + "\n  holds "
                        + expectedIndex);
            }

            Set<String> fromOrders = new TreeSet<>();
            Map<String, OrderState> stored = new HashMap<>();
            books.forEach((key, book) -> {
                int live = 0;
                for (OrderState order : book.getOrders()) {
                    stored.put(order.getOrderId(), order);
                    String holdId = Order.holdIdOf(order.getOrderId(), order.getAttempt());
                    List<OrderLine> items = order.getLines().stream()
                            .filter(line -> line.getHoldId().equals(holdId))
                            .toList();
                    switch (order.getStatus()) {
                        case PLACING, CONFIRMING ->
                            problems.add("order " + order.getOrderId() + " is still " + order.getStatus()
                                    + " after the engine settled: " + order);
                        case HELD ->
                            items.forEach(line ->
                                    fromOrders.add(claim(line, "HOLD", book, order, OrderLineStatus.HELD, problems)));
                        case CONFIRMED ->
                            items.forEach(line ->
                                    fromOrders.add(claim(line, "SALE", book, order, OrderLineStatus.SOLD, problems)));
                        default -> {}
                    }
                    if (order.getAttempt() > 1 && askedAgain.add(order.getOrderId())) {
                        Statistics.label("best-available orders that lost a pick and asked again")
                                .collect(order.getAttempt() + " attempts, then " + order.getStatus());
                    }
                    if (order.getStatus() == OrderStatus.PLACING
                            || order.getStatus() == OrderStatus.HELD
                            || order.getStatus() == OrderStatus.CONFIRMING
                            || order.getStatus() == OrderStatus.CONFIRMED) {
                        live += order.getQuantity();
                    }
                }
                if (live > PER_BUYER_LIMIT) {
                    problems.add(
                            key + " has live orders for " + live + " tickets, over the limit of " + PER_BUYER_LIMIT);
                }
            });
            if (!fromUnits.equals(fromOrders)) {
                Set<String> onlyUnits = new TreeSet<>(fromUnits);
                onlyUnits.removeAll(fromOrders);
                Set<String> onlyOrders = new TreeSet<>(fromOrders);
                onlyOrders.removeAll(fromUnits);
                problems.add("units and orders disagree:\n  held/sold by units but not by a HELD/CONFIRMED order: "
                        + onlyUnits + "\n  held/sold by an order but not by its units: " + onlyOrders);
            }

            lifecycle.forEach((orderId, answers) -> {
                OrderEvent last = answers.get(answers.size() - 1);
                OrderState order = stored.get(orderId);
                if (order == null) {
                    problems.add("order " + orderId + " was answered " + last.getType() + " but is not in the store");
                    return;
                }
                if (!order.getStatus().name().equals(last.getType().name())) {
                    problems.add("order " + orderId + " was last answered " + last.getType() + " but is "
                            + order.getStatus());
                }
                if (last.getType() == OrderEventType.HELD || last.getType() == OrderEventType.CONFIRMED) {
                    String holdId = Order.holdIdOf(order.getOrderId(), order.getAttempt());
                    Set<String> answered = last.getItems().stream()
                            .map(EngineRun::item)
                            .collect(Collectors.toCollection(TreeSet::new));
                    Set<String> kept = order.getLines().stream()
                            .filter(line -> line.getHoldId().equals(holdId))
                            .map(line -> line.getSectionId() + "|" + line.getUnitId() + "x" + line.getQuantity())
                            .collect(Collectors.toCollection(TreeSet::new));
                    if (!answered.equals(kept)) {
                        problems.add("order " + orderId + " was answered " + last.getType() + " with " + answered
                                + " but holds " + kept);
                    }
                }
            });
            placed.forEach(order -> {
                if (!lifecycle.containsKey(order.orderId())) {
                    problems.add("order " + order.orderId() + " was never answered");
                }
            });
        }

        private static String item(OrderItem item) {
            return item.getSectionId() + "|" + item.getUnitId() + "x" + item.getQuantity();
        }

        private static String claim(
                String unitKey, String kind, String holdId, String buyerId, String orderId, int quantity) {
            return unitKey + " " + kind + " " + holdId + " by " + buyerId + " for " + orderId + " x" + quantity;
        }

        private static String claim(
                OrderLine line,
                String kind,
                BuyerOrders book,
                OrderState order,
                OrderLineStatus status,
                List<String> problems) {
            if (line.getStatus() != status) {
                problems.add("order " + order.getOrderId() + " is " + order.getStatus() + " but its line "
                        + line.getUnitId() + " is " + line.getStatus());
            }
            return claim(
                    EVENT + "|" + line.getSectionId() + "|" + line.getUnitId(),
                    kind,
                    line.getHoldId(),
                    book.getBuyerId(),
                    order.getOrderId(),
                    line.getQuantity());
        }

        private Map<String, OrderStatus> orderStatuses() {
            Map<String, OrderStatus> statuses = new HashMap<>();
            storeContents(ORDERS_STORE, BuyerOrders.class)
                    .values()
                    .forEach(book ->
                            book.getOrders().forEach(order -> statuses.put(order.getOrderId(), order.getStatus())));
            return statuses;
        }

        private <V> Map<String, V> storeContents(String store, Class<V> type) {
            KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
            Map<String, V> contents = new TreeMap<>();
            try (KeyValueIterator<String, V> all = kv.all()) {
                while (all.hasNext()) {
                    KeyValue<String, V> entry = all.next();
                    contents.put(entry.key, type.cast(entry.value));
                }
            }
            return contents;
        }

        private void fail(String label, List<String> problems) {
            if (!problems.isEmpty()) {
                throw new AssertionError(label + " (" + buyers + " buyers) broke the invariants:\n- "
                        + String.join("\n- ", problems) + "\nactions so far:\n  " + String.join("\n  ", log));
            }
        }
    }

    // ---- the venue

    /** Section A: two rows of three seats; B: one row of two; FLOOR: one standing zone. Four tickets per buyer. */
    static EventConfig venue(String killedSeat, boolean dropsTheSeat, int floorCapacity) {
        List<Section> sections = List.of(
                TestEvents.reserved("A", "T1", 9_900, 2, 3),
                TestEvents.reserved("B", "T1", 9_900, 1, 2),
                Section.newBuilder()
                        .setSectionId("FLOOR")
                        .setName("Floor")
                        .setKind(SectionKind.GENERAL_ADMISSION)
                        .setPriceTier("GA")
                        .setPriceMinor(4_500)
                        .setSeats(List.of())
                        .setZones(List.of(Zone.newBuilder()
                                .setZoneId("FLOOR-1")
                                .setCapacity(floorCapacity)
                                .build()))
                        .build());
        sections.forEach(section -> section.getSeats()
                .forEach(seat -> seat.setKilled(seat.getSeatId().equals(killedSeat))));
        if (dropsTheSeat) {
            sections.forEach(section -> section.setSeats(section.getSeats().stream()
                    .filter(seat -> !seat.getSeatId().equals(killedSeat))
                    .toList()));
        }
        return EventConfig.newBuilder()
                .setEventId(EVENT)
                .setName("Invariants night")
                .setVenue("Small hall")
                .setSaleOpensAt(SALE_OPEN)
                .setCurrency("EUR")
                .setHoldWindowMinutes(HOLD_WINDOW_MINUTES)
                .setPerBuyerLimit(PER_BUYER_LIMIT)
                .setSections(sections)
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
    }

    private static OrderUnit unit(String sectionId, String unitId, int quantity) {
        return OrderUnit.newBuilder()
                .setSectionId(sectionId)
                .setUnitId(unitId)
                .setQuantity(quantity)
                .build();
    }

    // ---- per-try state directories (jqwik has no @TempDir)

    /** This JVM's state directories, all under one folder that goes when the JVM does. */
    private static Path stateDirs;

    private static synchronized Path newStateDir() throws IOException {
        if (stateDirs == null) {
            Path shm = Path.of("/dev/shm");
            // RocksDB flushes at every commit of the driver: on tmpfs that costs nothing.
            stateDirs = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "engine-invariants-")
                    : Files.createTempDirectory("engine-invariants-");
            Path all = stateDirs;
            // A try cut short (jqwik abandons a shrinking step when its time is up) never reaches its finally.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteRecursively(all);
                } catch (IOException e) {
                    System.err.println("could not delete " + all + ": " + e);
                }
            }));
        }
        return Files.createTempDirectory(stateDirs, "try-");
    }

    /**
     * A copy of a running driver's state directory as of its last commit (the driver commits, flushing RocksDB, after
     * every record). RocksDB may be compacting in the background meanwhile: a copy taken while no file changed is
     * consistent, so copy until the listing before and after the copy agree.
     */
    private static Path snapshotOf(Path dir) {
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                Path copy = Files.createTempDirectory(dir.getParent(), dir.getFileName() + "-local-state-");
                try {
                    Map<String, String> before = listing(dir);
                    copyTree(dir, copy);
                    if (before.equals(listing(dir))) {
                        return copy;
                    }
                } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException compacted) {
                    // a file went away while it was listed or copied: try again
                }
                deleteRecursively(copy);
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.ofMillis(2).toNanos()); // let the compaction finish
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("the state directory " + dir + " kept changing while it was copied");
    }

    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                if (Files.isRegularFile(path)) {
                    files.put(
                            dir.relativize(path).toString(), Files.size(path) + "@" + Files.getLastModifiedTime(path));
                }
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
