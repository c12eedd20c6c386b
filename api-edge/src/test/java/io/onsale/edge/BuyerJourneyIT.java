package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.EdgeCalls;
import io.onsale.edge.testing.RunningEdge;
import io.onsale.edge.testing.TestTokens;
import io.onsale.edge.testing.WaitingRooms;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EventConfig;
import io.onsale.loadgen.client.EventView;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import io.onsale.loadgen.client.QueueStatus;
import io.onsale.loadgen.client.SeatMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The buyer's whole journey through HTTP with the typed client the simulator uses, on two edge instances of one engine
 * on a real broker, with the waiting room active: join the room through one instance, follow the status until
 * admitted, order seats with the admission token through the other instance, read the order through both (one of the
 * two reads is forwarded to the instance that keeps the buyer's books), pay, and find the order CONFIRMED and the
 * seats SOLD through either instance. A retried order with its Idempotency-Key is the same order; nobody reads
 * another buyer's order.
 */
class BuyerJourneyIT {

    private static final String PREFIX = RealKafka.uniquePrefix("buyer-journey");
    private static final int BUYERS = 6;
    private static final int SEATS_EACH = 2;
    private static final int SEATS = BUYERS * SEATS_EACH + 2;

    private static final List<RunningEdge> EDGES = new ArrayList<>();

    /** One buyer's way through the sale. */
    record Journey(String buyer, EdgeApi joinedAt, EdgeApi orderedAt, List<String> seats) {
        String token() {
            return TestTokens.buyer(buyer);
        }
    }

    @BeforeAll
    static void twoInstancesOfOneEdge() throws Exception {
        for (int i = 0; i < 2; i++) {
            // Buyers poll at the interval the edge suggests: a second keeps the waiting short without changing the
            // flow.
            EDGES.add(RunningEdge.start(
                    PREFIX, "--onsale.queue.poll-interval=1s", "--onsale.payments.sandbox-latency=20ms"));
        }
    }

    @AfterAll
    static void stop() {
        EDGES.forEach(RunningEdge::close);
    }

    @Test
    void buyersQueueThroughOneInstanceOrderAndPayThroughTheOtherAndEitherInstanceShowsTheirSeatsSold()
            throws Exception {
        EdgeApi first = EDGES.get(0).api();
        EdgeApi second = EDGES.get(1).api();
        String event = configure(first, second);
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            List<String> seats = new ArrayList<>();
            for (int seat = 1; seat <= SEATS_EACH; seat++) {
                seats.add("A-1-" + (i * SEATS_EACH + seat));
            }
            // Alternate instances: a buyer joins through one and orders through the other.
            journeys.add(new Journey("journey-" + i, i % 2 == 0 ? first : second, i % 2 == 0 ? second : first, seats));
        }

        // Every buyer walks the journey at the same time, each on its own thread; the first to join passes straight
        // through, the others wait their turn.
        ExecutorService walking = Executors.newFixedThreadPool(BUYERS);
        List<Walked> walked;
        try {
            List<Future<Walked>> walks = journeys.stream()
                    .map(journey -> walking.submit(() -> walk(journey, event)))
                    .toList();
            walked = new ArrayList<>();
            for (Future<Walked> walk : walks) {
                walked.add(walk.get(5, TimeUnit.MINUTES));
            }
        } finally {
            walking.shutdownNow();
        }
        assertThat(walked).extracting(walk -> walk.joined().position()).doesNotHaveDuplicates();
        assertThat(walked)
                .extracting(walk -> walk.joined().state())
                .as("the room is active: somebody waits")
                .contains(QueueStatus.WAITING);
        Map<String, String> orderIds = walked.stream().collect(Collectors.toMap(Walked::buyer, Walked::orderId));

        // Nobody finds another buyer's order, through either instance.
        for (int i = 0; i < BUYERS; i++) {
            Journey other = journeys.get((i + 1) % BUYERS);
            for (EdgeApi instance : List.of(first, second)) {
                String orderId = orderIds.get(journeys.get(i).buyer());
                assertThat(EdgeCalls.read(() -> instance.order(orderId, other.token()))
                                .status())
                        .isEqualTo(404);
            }
        }

        Set<String> sold =
                journeys.stream().flatMap(journey -> journey.seats().stream()).collect(Collectors.toSet());
        for (EdgeApi instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        SeatMap seats = EdgeCalls.read(() -> instance.seats(event, "A", TestTokens.buyer("auditor")))
                                .orThrow("seat map");
                        assertThat(seats.seats()).hasSize(SEATS);
                        assertThat(seats.seats())
                                .filteredOn(seat -> sold.contains(seat.seatId()))
                                .extracting(SeatMap.SeatState::status)
                                .hasSize(sold.size())
                                .containsOnly(SeatMap.SOLD);
                        assertThat(seats.seats())
                                .filteredOn(seat -> !sold.contains(seat.seatId()))
                                .extracting(SeatMap.SeatState::status)
                                .containsOnly(SeatMap.AVAILABLE);
                    });
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    EventView.Availability counted = EdgeCalls.read(
                                    () -> second.event(event, TestTokens.buyer("auditor")))
                            .orThrow("event")
                            .section("A")
                            .orElseThrow()
                            .availability();
                    assertThat(counted).isNotNull();
                    assertThat(counted.sold()).isEqualTo(sold.size());
                    assertThat(counted.held()).isZero();
                });
    }

    /** What one buyer's walk left: the place the room gave them and the order they paid for. */
    record Walked(String buyer, QueueStatus joined, String orderId) {}

    /**
     * Join through one instance, follow the status until admitted, order through the other instance with the
     * admission token (and again with the same key), read the order through both, pay, read it CONFIRMED through both.
     */
    private static Walked walk(Journey journey, String event) {
        QueueStatus joined = WaitingRooms.join(journey.joinedAt(), event, journey.token());
        QueueStatus admitted = untilAdmitted(journey, event, joined);
        assertThat(admitted.admissionToken()).isNotBlank();
        assertThat(admitted.mode()).as("the room is active").isNotEqualTo("PASS_THROUGH");

        String key = UUID.randomUUID().toString();
        Order held = place(journey.orderedAt(), event, journey, key, admitted.admissionToken());
        assertThat(held.status()).isEqualTo(Order.HELD);
        assertThat(held.items()).extracting(Order.Item::seatId).containsExactlyElementsOf(journey.seats());
        assertThat(held.total().amountMinor()).isEqualTo(9900L * SEATS_EACH);

        // The same key again, through the other instance: the same order, never a second hold.
        Order again = place(journey.joinedAt(), event, journey, key, admitted.admissionToken());
        assertThat(again.orderId()).isEqualTo(held.orderId());
        assertThat(again.items()).isEqualTo(held.items());

        String orderId = held.orderId();
        for (EdgeApi instance : List.of(journey.joinedAt(), journey.orderedAt())) {
            assertThat(readOrder(instance, orderId, journey.token()).status()).isEqualTo(Order.HELD);
        }
        // Paid through the instance the buyer joined at, not the one the order was placed through.
        String paymentKey = UUID.randomUUID().toString();
        OrderOutcome paid =
                EdgeCalls.decided(() -> journey.joinedAt().pay(orderId, "sandbox-card", paymentKey, journey.token()));
        assertThat(paid).as("%s", paid).isInstanceOf(OrderOutcome.Decided.class);
        assertThat(((OrderOutcome.Decided) paid).order().status()).isEqualTo(Order.CONFIRMED);
        for (EdgeApi instance : List.of(journey.joinedAt(), journey.orderedAt())) {
            Order read = readOrder(instance, orderId, journey.token());
            assertThat(read.status()).isEqualTo(Order.CONFIRMED);
            assertThat(read.items()).extracting(Order.Item::seatId).containsExactlyElementsOf(journey.seats());
        }
        return new Walked(journey.buyer(), joined, orderId);
    }

    /** The event, with a waiting room that lets one buyer straight through and admits two a second after that. */
    private static String configure(EdgeApi first, EdgeApi second) {
        String event = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        EventConfig config = DemoEvents.typedOnSaleWithSeats(SEATS, new EventConfig.QueuePolicy(1, 2, 5_000, 10));
        Answer<ConfigureAck> configured = first.configureEvent(event, config, TestTokens.organizer("org-1"))
                .join();
        assertThat(configured.status()).as("%s", configured.problem()).isEqualTo(200);
        assertThat(configured.body().status()).isEqualTo("READY");
        // The other instance sees the config once its copy of the global store has it.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        second.event(event, TestTokens.buyer("auditor")).join().status() == 200);
        return event;
    }

    /** Follows the status through the instance the buyer joined at until admitted (the first buyer already is). */
    private static QueueStatus untilAdmitted(Journey journey, String event, QueueStatus joined) {
        if (QueueStatus.ADMITTED.equals(joined.state()) && joined.admissionToken() != null) {
            return joined;
        }
        List<QueueStatus> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Answer<QueueStatus> status = EdgeCalls.read(
                            () -> journey.joinedAt().queueStatus(event, joined.ticket(), journey.token()));
                    assertThat(status.status()).as("%s", status.problem()).isEqualTo(200);
                    assertThat(status.body().state()).isIn(QueueStatus.WAITING, QueueStatus.ADMITTED);
                    seen.add(status.body());
                    return QueueStatus.ADMITTED.equals(status.body().state());
                });
        return seen.get(seen.size() - 1);
    }

    private static Order place(EdgeApi instance, String event, Journey journey, String key, String admissionToken) {
        OrderOutcome outcome = EdgeCalls.decided(() ->
                instance.placeOrder(event, OrderRequest.seats(journey.seats()), key, journey.token(), admissionToken));
        assertThat(outcome).as("%s", outcome).isInstanceOf(OrderOutcome.Decided.class);
        return ((OrderOutcome.Decided) outcome).order();
    }

    private static Order readOrder(EdgeApi instance, String orderId, String token) {
        return EdgeCalls.read(() -> instance.order(orderId, token)).orThrow("order " + orderId);
    }
}
