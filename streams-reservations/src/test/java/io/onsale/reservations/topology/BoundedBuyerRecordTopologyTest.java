package io.onsale.reservations.topology;

import static io.onsale.reservations.topology.TestEvents.BEFORE_OPEN;
import static io.onsale.reservations.topology.TestEvents.SALE_OPEN;
import static io.onsale.reservations.topology.TestEvents.theatre;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.domain.Order;
import io.onsale.reservations.domain.OrderDecider;
import io.onsale.reservations.domain.OrderDecision;
import io.onsale.reservations.domain.OrderInput;
import io.onsale.reservations.domain.OrderLine;
import io.onsale.reservations.domain.OrderRules;
import io.onsale.reservations.domain.OrderStatus;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A buyer's record ({@code orders}, one changelog message rewritten on every decision) stays under a fixed size however
 * many orders the buyer has refused, and an order that left it is still answered as it was decided (ADR 0015).
 */
class BoundedBuyerRecordTopologyTest {

    private static final Topics TOPICS = EngineTestDriver.TOPICS;
    private static final Instant OPEN_PLUS_3S = SALE_OPEN.plusSeconds(3);
    /** The longest buyer id and Idempotency-Key the edge lets through (128 characters each): the largest records. */
    private static final String BOT = "bot-" + "x".repeat(124);
    /**
     * What the record may take: {@link OrderDecider#KEPT_FINISHED_ORDERS} refused orders with the longest ids and three
     * alternatives each take about 12.5 KB; without the bound the record passes this after about 80 orders, and the
     * changelog's 1 MB after about 2,700.
     */
    private static final int RECORD_BYTES_AT_MOST = 32 * 1024;

    private static final int REFUSED_ORDERS = 2_000;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, EventConfig> eventConfig;
    private TestInputTopic<String, OrderCommand> orders;
    private TestInputTopic<String, OrderCommand> holds;
    private TestOutputTopic<String, OrderEvent> answers;
    private TestOutputTopic<String, ReservationEvent> decisions;
    private final Serializer<BuyerOrders> recordBytes =
            AvroSerdes.of(BuyerOrders.class).serializer();

    @BeforeEach
    void start() {
        driver = EngineTestDriver.open(
                "bounded-books-test",
                stateDir,
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                SALE_OPEN);
        eventConfig = EngineTestDriver.input(driver, TOPICS.eventConfig());
        orders = EngineTestDriver.input(driver, TOPICS.orderRequests());
        holds = EngineTestDriver.input(driver, TOPICS.holdRequests());
        answers = EngineTestDriver.output(driver, TOPICS.orderEvents());
        decisions = EngineTestDriver.output(driver, TOPICS.reservationEvents());
        eventConfig.pipeInput("E1", theatre("E1"), BEFORE_OPEN);
        decisions.readRecordsToList();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void thousandsOfRefusedOrdersFromOneBuyerKeepItsRecordUnderAFixedSize() {
        holdAtSection("alice", "alice-1", OPEN_PLUS_3S, "A-1-1");
        int largest = 0;
        for (int i = 0; i < REFUSED_ORDERS; i++) {
            // A fresh key each time, for the seat alice holds: refused SEAT_TAKEN at the section, with alternatives.
            holdAtSection(BOT, key(i), OPEN_PLUS_3S.plusMillis(i), "A-1-1");
            if (i % 100 == 99) {
                largest = Math.max(largest, recordSize(BOT));
                assertThat(largest)
                        .as("the bot's record after %d refused orders", i + 1)
                        .isLessThan(RECORD_BYTES_AT_MOST);
            }
        }

        List<OrderEvent> told = answers.readValuesToList();
        assertThat(told).hasSize(REFUSED_ORDERS + 1);
        assertThat(told.subList(1, told.size()))
                .extracting(OrderEvent::getType, OrderEvent::getReason)
                .containsOnly(tuple(OrderEventType.REJECTED, "SEAT_TAKEN"));
        assertThat(record(BOT).getOrders()).hasSize(OrderDecider.KEPT_FINISHED_ORDERS);
        assertThat(archivedOrderIds(BOT))
                .hasSize(REFUSED_ORDERS - OrderDecider.KEPT_FINISHED_ORDERS)
                .contains(orderId(BOT, key(0)));
        System.out.printf("%d refused orders of one buyer: its record at most %d bytes%n", REFUSED_ORDERS, largest);
    }

    @Test
    void anOrderThatLeftTheRecordIsRefusedAgainWhenRetriedAfterTheLimitFreedUpNeverHeld() {
        // alice holds her limit; an order over it is handed to her books and refused there.
        holdAtSection("alice", "o-1", OPEN_PLUS_3S, "A-1-1", "A-1-2", "A-1-3", "A-1-4");
        bestAtSection("alice", "o-2", OPEN_PLUS_3S, "B", 1, true);
        // Then many more orders of hers are refused, pushing o-2 out of her record.
        holdAtSection("bob", "bob-1", OPEN_PLUS_3S, "C-1-1");
        for (int i = 0; i < OrderDecider.KEPT_FINISHED_ORDERS + 5; i++) {
            holdAtSection("alice", "late-" + i, OPEN_PLUS_3S.plusSeconds(1), "C-1-1");
        }
        assertThat(record("alice").getOrders())
                .extracting(OrderState::getOrderId)
                .doesNotContain("o-2");
        assertThat(archivedOrderIds("alice")).contains("o-2");
        orders.pipeInput(
                "E1|alice",
                command(OrderCommandType.CANCEL, "alice", "o-1", "cancel-o-1"),
                OPEN_PLUS_3S.plusSeconds(2));
        answers.readValuesToList();
        decisions.readValuesToList();

        // Her limit is free now: a new order would be held. The retry is the order the books refused.
        bestAtSection("alice", "o-2", OPEN_PLUS_3S.plusSeconds(3), "B", 1, false);

        assertThat(answers.readValuesToList())
                .extracting(
                        OrderEvent::getOrderId, OrderEvent::getType, OrderEvent::getReason, OrderEvent::getDecidedAt)
                .containsExactly(tuple("o-2", OrderEventType.REJECTED, "BUYER_LIMIT", OPEN_PLUS_3S));
        assertThat(decisions.readValuesToList()).noneMatch(event -> event.getType() == ReservationEventType.HELD);
        assertThat(record("alice").getOrders())
                .extracting(OrderState::getOrderId)
                .doesNotContain("o-2");
    }

    @Test
    void theLargestRecordTheBoundAllowsFitsOneChangelogMessage() {
        // The longest ids an event (64 characters) and the edge (128 for buyer and key) allow; every order at its most:
        // three attempts of lines, the seats of two attempts excluded, three alternatives of as many seats.
        String eventId = "E".repeat(64);
        String buyer = "b".repeat(128);
        List<Order> orders = new java.util.ArrayList<>();
        int ticketsEach = OrderDecider.KEPT_FINISHED_TICKETS / OrderDecider.KEPT_FINISHED_ORDERS;
        for (int i = 0; i < OrderDecider.KEPT_FINISHED_ORDERS + 10; i++) {
            orders.add(largest(eventId, buyer, i, ticketsEach, OrderStatus.REJECTED, OrderLine.Status.RELEASED));
        }
        // The live orders at the largest limit (100 tickets), and two ended ones still giving their seats back.
        orders.add(largest(eventId, buyer, 100, 100, OrderStatus.PLACING, OrderLine.Status.REQUESTED));
        orders.add(largest(eventId, buyer, 101, 100, OrderStatus.CANCELLED, OrderLine.Status.RELEASING));
        orders.add(largest(eventId, buyer, 102, 100, OrderStatus.CANCELLED, OrderLine.Status.RELEASING));

        OrderDecision decision = new OrderDecider()
                .decide(
                        orders,
                        List.of(),
                        new OrderRules(100, SALE_OPEN, "EUR"),
                        new OrderInput.Cancel("cancel-none", OPEN_PLUS_3S, "none"));

        int bytes = recordBytes.serialize(
                        "orders-changelog", OrderMapping.fromOrders(eventId, buyer, decision.orders()))
                .length;
        assertThat(decision.orders()).hasSize(OrderDecider.KEPT_FINISHED_ORDERS + 3);
        assertThat(bytes).as("the changelog takes messages of 1 MB").isLessThan(1_000_000);
        System.out.printf("the largest record the bound allows: %d bytes%n", bytes);
    }

    /** An order of {@code tickets} seats in its third attempt, every id as long as allowed. */
    private static Order largest(
            String eventId, String buyer, int n, int tickets, OrderStatus status, OrderLine.Status lastAttempt) {
        String requestId = "place:" + eventId + ":" + buyer + ":" + String.format("%0128d", n);
        String orderId = eventId + ":" + UUID.nameUUIDFromBytes(requestId.getBytes(StandardCharsets.UTF_8));
        String section = "S".repeat(64);
        List<OrderLine> lines = new java.util.ArrayList<>();
        List<String> excluded = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            for (int seat = 0; seat < tickets; seat++) {
                String unitId = String.format("%064d", attempt * 1000 + seat);
                lines.add(new OrderLine(
                        section,
                        unitId,
                        Order.holdIdOf(orderId, attempt),
                        1,
                        attempt == 3 ? lastAttempt : OrderLine.Status.RELEASED,
                        1_000_000_000L,
                        OPEN_PLUS_3S.plusSeconds(600)));
                if (attempt < 3) {
                    excluded.add(unitId);
                }
            }
        }
        List<io.onsale.reservations.domain.Alternative> alternatives = java.util.stream.IntStream.range(0, 3)
                .mapToObj(a -> new io.onsale.reservations.domain.Alternative(
                        section,
                        java.util.stream.IntStream.range(0, tickets)
                                .mapToObj(seat -> String.format("%064d", 9000 + a * 100 + seat))
                                .toList(),
                        tickets,
                        1_000_000_000L))
                .toList();
        Instant at = OPEN_PLUS_3S.plusMillis(n);
        return Order.builder(orderId, requestId, status, at)
                .sectionId(section)
                .quantity(tickets)
                .attempt(3)
                .lines(lines)
                .excludedUnitIds(excluded)
                .currency("EUR")
                .reason(io.onsale.reservations.domain.OrderReason.INSUFFICIENT_CAPACITY)
                .alternatives(alternatives)
                .lastRequestId("cancel:" + orderId + ":" + UUID.randomUUID())
                .build();
    }

    private void holdAtSection(String buyer, String key, Instant at, String... seats) {
        String requestId = requestId(buyer, key);
        OrderCommand command = command(
                OrderCommandType.PLACE,
                buyer,
                buyer.equals(BOT) ? orderId(buyer, key) : key,
                buyer.equals(BOT) ? requestId : "place-" + key);
        command.setUnits(java.util.Arrays.stream(seats)
                .map(seat -> OrderUnit.newBuilder()
                        .setSectionId(seat.substring(0, 1))
                        .setUnitId(seat)
                        .setQuantity(1)
                        .build())
                .toList());
        holds.pipeInput("E1|" + seats[0].substring(0, 1), command, at);
    }

    private void bestAtSection(
            String buyer, String orderId, Instant at, String sectionId, int quantity, boolean toBooks) {
        OrderCommand command = command(OrderCommandType.PLACE, buyer, orderId, "place-" + orderId);
        command.setSectionId(sectionId);
        command.setQuantity(quantity);
        command.setToBooks(toBooks);
        holds.pipeInput("E1|" + sectionId, command, at);
    }

    private static OrderCommand command(OrderCommandType type, String buyer, String orderId, String requestId) {
        return OrderCommand.newBuilder()
                .setRequestId(requestId)
                .setType(type)
                .setOrderId(orderId)
                .setEventId("E1")
                .setBuyerId(buyer)
                .build();
    }

    /** The longest key the edge takes, different for each order. */
    private static String key(int i) {
        return String.format("%0128d", i);
    }

    /** As the edge names them: {@code place:<event>:<buyer>:<key>}, and the order id a name-based uuid of it. */
    private static String requestId(String buyer, String key) {
        return "place:E1:" + buyer + ":" + key;
    }

    private static String orderId(String buyer, String key) {
        return "E1:" + UUID.nameUUIDFromBytes(requestId(buyer, key).getBytes(StandardCharsets.UTF_8));
    }

    private BuyerOrders record(String buyer) {
        KeyValueStore<String, BuyerOrders> store = driver.getKeyValueStore(ReservationsTopology.ORDERS_STORE);
        return store.get(OrderMapping.orderKey("E1", buyer));
    }

    /** The record as its changelog message carries it. */
    private int recordSize(String buyer) {
        return recordBytes.serialize("orders-changelog", record(buyer)).length;
    }

    private List<String> archivedOrderIds(String buyer) {
        KeyValueStore<String, BuyerOrders> store = driver.getKeyValueStore(ReservationsTopology.FINISHED_ORDERS_STORE);
        List<String> ids = new java.util.ArrayList<>();
        try (var all = store.prefixScan(
                OrderMapping.orderKey("E1", buyer) + "|", Serdes.String().serializer())) {
            all.forEachRemaining(entry -> entry.value.getOrders().forEach(order -> ids.add(order.getOrderId())));
        }
        return ids;
    }
}
