package io.onsale.reservations.topology;

import static io.onsale.reservations.topology.TestEvents.BEFORE_OPEN;
import static io.onsale.reservations.topology.TestEvents.SALE_OPEN;
import static io.onsale.reservations.topology.TestEvents.theatre;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.domain.ReleasePolicy;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderUnit;
import io.onsale.schema.reservation.UnitState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hold–release loops through the whole engine (ADR 0018): a buyer who gives a seat up cannot take it straight back, while
 * every other buyer can; a buyer who gives up three held orders within the window is refused new ones until the window
 * frees one, whichever way the order came in.
 */
class HoldReleaseLoopTopologyTest {

    private static final Topics TOPICS = EngineTestDriver.TOPICS;
    private static final Instant T0 = SALE_OPEN.plusSeconds(3);
    private static final Duration COOLDOWN = ReleasePolicy.SEAT_COOLDOWN;
    private static final Duration WINDOW = ReleasePolicy.RELEASE_WINDOW;

    @TempDir
    Path stateDir;

    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderCommand> orders;
    private TestInputTopic<String, OrderCommand> holds;
    private TestOutputTopic<String, OrderEvent> answers;

    @BeforeEach
    void start() {
        driver = EngineTestDriver.open("release-loops-test", stateDir, deadLetters, SALE_OPEN);
        orders = EngineTestDriver.input(driver, TOPICS.orderRequests());
        holds = EngineTestDriver.input(driver, TOPICS.holdRequests());
        answers = EngineTestDriver.output(driver, TOPICS.orderEvents());
        EngineTestDriver.input(driver, TOPICS.eventConfig()).pipeInput("E1", theatre("E1"), BEFORE_OPEN);
    }

    @AfterEach
    void stop() {
        driver.close();
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void aBuyerWhoCancelledASeatIsRefusedItUntilTheCooldownEndsWhileAnotherBuyerHoldsItAtOnce() {
        holdAtSection("mallory", "o-1", T0, "A-1-1");
        cancel("mallory", "o-1", T0.plusSeconds(590));
        answers.readValuesToList();

        holdAtSection("mallory", "o-2", T0.plusSeconds(591), "A-1-1");

        OrderEvent refused = only(answers.readValuesToList());
        assertThat(refused.getType()).isEqualTo(OrderEventType.REJECTED);
        assertThat(refused.getReason()).isEqualTo("RELEASE_COOLDOWN");
        assertThat(refused.getRetryAt()).isEqualTo(T0.plusSeconds(590).plus(COOLDOWN));
        assertThat(refused.getAlternatives())
                .allSatisfy(alternative -> assertThat(alternative.getUnitIds()).doesNotContain("A-1-1"));
        assertThat(unit("E1|A|A-1-1").getHolds()).isEmpty();

        holdAtSection("alice", "o-3", T0.plusSeconds(592), "A-1-1");
        assertThat(only(answers.readValuesToList()).getType())
                .as("another buyer, at once")
                .isEqualTo(OrderEventType.HELD);
    }

    @Test
    void afterTheCooldownTheBuyerMayHoldTheSeatAgain() {
        holdAtSection("mallory", "o-1", T0, "A-1-1");
        cancel("mallory", "o-1", T0.plusSeconds(1));
        answers.readValuesToList();

        holdAtSection("mallory", "o-2", T0.plusSeconds(1).plus(COOLDOWN), "A-1-1");

        assertThat(only(answers.readValuesToList()).getType()).isEqualTo(OrderEventType.HELD);
    }

    @Test
    void aHoldLeftToExpireStartsTheSameCooldown() {
        holdAtSection("mallory", "o-1", T0, "A-1-1");
        Instant expired = T0.plus(Duration.ofMinutes(10)).plusSeconds(1);
        driver.advanceWallClockTime(Duration.between(SALE_OPEN, expired));
        assertThat(answers.readValuesToList())
                .extracting(OrderEvent::getType)
                .containsExactly(OrderEventType.HELD, OrderEventType.EXPIRED);

        holdAtSection("mallory", "o-2", expired.plusSeconds(1), "A-1-1");

        OrderEvent refused = only(answers.readValuesToList());
        assertThat(refused.getReason()).isEqualTo("RELEASE_COOLDOWN");
        assertThat(refused.getRetryAt()).isAfter(expired).isBeforeOrEqualTo(expired.plus(COOLDOWN));
    }

    @Test
    void bestAvailableForABuyerWhoGaveSeatsUpPicksOtherSeatsAndLeavesTheGivenUpOnesToOthers() {
        bestAtSection("mallory", "o-1", T0, "A", 2, false);
        List<String> first = items(only(answers.readValuesToList()));
        cancel("mallory", "o-1", T0.plusSeconds(1));
        answers.readValuesToList();

        bestAtSection("mallory", "o-2", T0.plusSeconds(2), "A", 2, false);
        OrderEvent again = only(answers.readValuesToList());
        bestAtSection("alice", "o-3", T0.plusSeconds(3), "A", 2, false);
        OrderEvent alice = only(answers.readValuesToList());

        assertThat(again.getType()).isEqualTo(OrderEventType.HELD);
        assertThat(items(again)).hasSize(2).doesNotContainAnyElementsOf(first);
        assertThat(items(alice))
                .as("the best seats, given up, go to the next buyer")
                .containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void aZoneHasNoCooldownAGeneralAdmissionBuyerMayChangeItsQuantity() {
        holdZone("alice", "o-1", T0, 2);
        cancel("alice", "o-1", T0.plusSeconds(1));
        answers.readValuesToList();

        holdZone("alice", "o-2", T0.plusSeconds(2), 3);

        assertThat(only(answers.readValuesToList()).getType()).isEqualTo(OrderEventType.HELD);
    }

    @Test
    void afterThreeGivenUpHoldsTheBooksRefuseTheBuyersNextOrderUntilTheWindowFreesOne() {
        Instant first = loopThreeTimes("mallory");

        holdAtSection("mallory", "o-4", T0.plusSeconds(100), true, "B-2-1");

        OrderEvent refused = only(answers.readValuesToList());
        assertThat(refused.getType()).isEqualTo(OrderEventType.REJECTED);
        assertThat(refused.getReason()).isEqualTo("RELEASE_LIMIT");
        assertThat(refused.getRetryAt()).isEqualTo(first.plus(WINDOW));
        assertThat(unit("E1|B|B-2-1").getHolds()).isEmpty();

        placeAcrossSections("mallory", "o-5", T0.plusSeconds(101), "A-3-1", "B-2-2");
        assertThat(only(answers.readValuesToList()).getReason())
                .as("an order the books place is refused before any hold")
                .isEqualTo("RELEASE_LIMIT");
        assertThat(unit("E1|A|A-3-1").getHolds()).isEmpty();

        holdAtSection("alice", "o-6", T0.plusSeconds(102), "B-2-1");
        assertThat(only(answers.readValuesToList()).getType())
                .as("others are not limited")
                .isEqualTo(OrderEventType.HELD);

        holdAtSection("mallory", "o-7", first.plus(WINDOW), false, "B-2-2");
        assertThat(only(answers.readValuesToList()).getType())
                .as("the window freed one")
                .isEqualTo(OrderEventType.HELD);
    }

    @Test
    void anOrderItsSectionHeldForABuyerAtTheLimitIsGivenBackAndRefusedByTheBooks() {
        Instant first = loopThreeTimes("mallory");

        // An edge that cannot see the buyer's books sends the order to its section, which holds it.
        holdAtSection("mallory", "o-4", T0.plusSeconds(100), false, "B-2-1");

        assertThat(answers.readValuesToList())
                .extracting(OrderEvent::getType, OrderEvent::getReason, OrderEvent::getRetryAt)
                .containsExactly(
                        tuple(OrderEventType.HELD, null, null),
                        tuple(OrderEventType.REJECTED, "RELEASE_LIMIT", first.plus(WINDOW)));
        assertThat(unit("E1|B|B-2-1").getHolds()).as("given back at once").isEmpty();
        assertThat(unit("E1|B|B-2-1").getReleasers())
                .as("by the engine: no cooldown")
                .isEmpty();
        holdAtSection("mallory", "o-5", first.plus(WINDOW), false, "B-2-1");
        assertThat(only(answers.readValuesToList()).getType()).isEqualTo(OrderEventType.HELD);
    }

    @Test
    void whatTheEngineKeepsAboutReleasesStaysBounded() {
        // Ten accounts taking turns on one seat within one cooldown: the seat keeps the most recent few.
        for (int i = 0; i < 10; i++) {
            holdAtSection("buyer-" + i, "p-" + i, T0.plusSeconds(2L * i), false, "A-1-1");
            cancel("buyer-" + i, "p-" + i, T0.plusSeconds(2L * i + 1));
        }
        // One buyer giving up an order every 25 minutes, never three within the window: its books keep the last three.
        for (int i = 0; i < 10; i++) {
            Instant at = T0.plus(Duration.ofMinutes(25).multipliedBy(i));
            holdAtSection("mallory", "o-" + i, at, false, "B-1-1");
            cancel("mallory", "o-" + i, at.plusSeconds(1));
        }

        assertThat(unit("E1|A|A-1-1").getReleasers())
                .extracting(releaser -> releaser.getBuyerId())
                .containsExactly("buyer-6", "buyer-7", "buyer-8", "buyer-9");
        assertThat(books("mallory").getReleases()).hasSize(ReleasePolicy.RELEASE_LIMIT);
        assertThat(answers.readValuesToList())
                .filteredOn(answer -> answer.getType() == OrderEventType.REJECTED)
                .isEmpty();
    }

    /** Three held orders of {@code buyer}, each cancelled: returns when the first was given up. */
    private Instant loopThreeTimes(String buyer) {
        String[] seats = {"A-1-1", "A-1-2", "A-1-3"};
        for (int i = 0; i < seats.length; i++) {
            holdAtSection(buyer, "loop-" + i, T0.plusSeconds(10L * i), false, seats[i]);
            cancel(buyer, "loop-" + i, T0.plusSeconds(10L * i + 1));
        }
        assertThat(answers.readValuesToList())
                .extracting(OrderEvent::getType)
                .containsExactly(
                        OrderEventType.HELD,
                        OrderEventType.CANCELLED,
                        OrderEventType.HELD,
                        OrderEventType.CANCELLED,
                        OrderEventType.HELD,
                        OrderEventType.CANCELLED);
        assertThat(books(buyer).getReleases()).hasSize(ReleasePolicy.RELEASE_LIMIT);
        return T0.plusSeconds(1);
    }

    // ---- what the edge sends

    private void holdAtSection(String buyer, String orderId, Instant at, String... seats) {
        holdAtSection(buyer, orderId, at, false, seats);
    }

    /** @param toBooks the edge saw in the buyer's books that the order must be refused there (ADR 0013) */
    private void holdAtSection(String buyer, String orderId, Instant at, boolean toBooks, String... seats) {
        OrderCommand command = place(buyer, orderId);
        command.setToBooks(toBooks);
        command.setUnits(Arrays.stream(seats)
                .map(seat -> unit(seat.substring(0, 1), seat, 1))
                .toList());
        holds.pipeInput("E1|" + seats[0].substring(0, 1), command, at);
    }

    private void bestAtSection(
            String buyer, String orderId, Instant at, String sectionId, int quantity, boolean toBooks) {
        OrderCommand command = place(buyer, orderId);
        command.setToBooks(toBooks);
        command.setSectionId(sectionId);
        command.setQuantity(quantity);
        holds.pipeInput("E1|" + sectionId, command, at);
    }

    private void holdZone(String buyer, String orderId, Instant at, int quantity) {
        OrderCommand command = place(buyer, orderId);
        command.setUnits(List.of(unit("FLOOR", "FLOOR-1", quantity)));
        holds.pipeInput("E1|FLOOR", command, at);
    }

    private void placeAcrossSections(String buyer, String orderId, Instant at, String... seats) {
        OrderCommand command = place(buyer, orderId);
        command.setUnits(Arrays.stream(seats)
                .map(seat -> unit(seat.substring(0, 1), seat, 1))
                .toList());
        orders.pipeInput("E1|" + buyer, command, at);
    }

    private void cancel(String buyer, String orderId, Instant at) {
        orders.pipeInput(
                "E1|" + buyer,
                OrderCommand.newBuilder()
                        .setRequestId("cancel-" + orderId)
                        .setType(OrderCommandType.CANCEL)
                        .setOrderId(orderId)
                        .setEventId("E1")
                        .setBuyerId(buyer)
                        .build(),
                at);
    }

    private static OrderCommand place(String buyer, String orderId) {
        return OrderCommand.newBuilder()
                .setRequestId("place-" + orderId)
                .setType(OrderCommandType.PLACE)
                .setOrderId(orderId)
                .setEventId("E1")
                .setBuyerId(buyer)
                .build();
    }

    private static OrderUnit unit(String sectionId, String unitId, int quantity) {
        return OrderUnit.newBuilder()
                .setSectionId(sectionId)
                .setUnitId(unitId)
                .setQuantity(quantity)
                .build();
    }

    // ---- what the engine keeps

    private UnitState unit(String key) {
        KeyValueStore<String, UnitState> units = driver.getKeyValueStore(ReservationsTopology.UNITS_STORE);
        return units.get(key);
    }

    private BuyerOrders books(String buyer) {
        KeyValueStore<String, BuyerOrders> books = driver.getKeyValueStore(ReservationsTopology.ORDERS_STORE);
        return books.get("E1|" + buyer);
    }

    private static OrderEvent only(List<OrderEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static List<String> items(OrderEvent event) {
        return event.getItems().stream().map(OrderItem::getUnitId).toList();
    }
}
