package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.EdgeCalls;
import io.onsale.edge.testing.PaymentEventsLog;
import io.onsale.edge.testing.RunningEdge;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import io.onsale.loadgen.client.SeatMap;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Payments through HTTP with the typed client, on a real broker, against the sandbox gateway made slow: a burst of
 * buyers paying at the same moment through a gateway that takes a few calls at a time all end CONFIRMED, each charged
 * exactly once and each seat sold once; a declined card charges nothing and keeps the hold for another card; a gateway
 * slower than the payment timeout is a 503 that charges nothing, and the seat, cancelled, goes to the next buyer; two
 * payments of one order at once (no key) capture once and void the other. And
 * through the HTTP gateway, whose test provider answers when told: an authorization whose confirm loses to a cancel
 * made meanwhile is voided, never captured.
 *
 * <p>Each gateway setting is its own edge (own topic prefix and application ids), one running at a time; the slow one
 * serves the first two tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentsUnderBurstIT {

    private static final int BUYERS = 100;
    private static final String GOOD_CARD = "sandbox-card";

    /** The slow gateway: 300 ms a call, four calls at a time, a line long enough for the whole burst. */
    private static Deployment slowGateway;

    private final List<Deployment> perTest = new ArrayList<>();
    private FakePaymentProvider provider;

    /** One edge with its topics. */
    record Deployment(RunningEdge edge, Topics topics) {
        EdgeApi api() {
            return edge.api();
        }

        PaymentGateway gateway() {
            return edge.bean(PaymentGateway.class);
        }

        double gauge(String name) {
            return edge.bean(MeterRegistry.class).get(name).gauge().value();
        }
    }

    /** One buyer's held order and the key of its payment. */
    record Held(String buyer, Order order, String paymentKey) {
        String token() {
            return TestTokens.buyer(buyer);
        }

        String orderId() {
            return order.orderId();
        }

        String paymentId() {
            return "pay:" + order.orderId() + ":" + paymentKey;
        }
    }

    @AfterEach
    void stopThisTestsEdges() {
        perTest.forEach(deployment -> deployment.edge().close());
        if (provider != null) {
            provider.close();
        }
    }

    @AfterAll
    static synchronized void stopSlowGateway() {
        if (slowGateway != null) {
            slowGateway.edge().close();
            slowGateway = null;
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aBurstOfPaymentsThroughASlowGatewayAllConfirmEachChargedOnceAndEverySeatSoldOnce() throws Exception {
        Deployment edge = slowGateway();
        String event = configure(edge, BUYERS);
        long placingStart = System.nanoTime();
        AtomicInteger placedAgain = new AtomicInteger();
        List<CompletableFuture<Held>> placing = IntStream.rangeClosed(1, BUYERS)
                .mapToObj(i -> {
                    String buyer = "burst-" + i;
                    String key = UUID.randomUUID().toString();
                    return EdgeCalls.decidedAsync(
                                    () -> edge.api()
                                            .placeOrder(
                                                    event,
                                                    OrderRequest.seats(List.of("A-1-" + i)),
                                                    key,
                                                    TestTokens.buyer(buyer)),
                                    placedAgain)
                            .thenApply(outcome -> held(buyer, outcome));
                })
                .toList();
        List<Held> held = placing.stream().map(CompletableFuture::join).toList();
        Duration tookToPlace = Duration.ofNanos(System.nanoTime() - placingStart);

        // Everybody pays at the same moment; a 503 (the line full) is sent again with the same key.
        AtomicInteger paidAgain = new AtomicInteger();
        long start = System.nanoTime();
        Map<Held, CompletableFuture<OrderOutcome>> paying = held.stream()
                .collect(Collectors.toMap(
                        h -> h,
                        h -> EdgeCalls.decidedAsync(
                                () -> edge.api().pay(h.orderId(), GOOD_CARD, h.paymentKey(), h.token()), paidAgain)));
        // The burst waits in the gateway's line rather than overwhelming it.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> edge.gauge("onsale.payments.gateway.queued") > 0);
        assertThat(edge.gauge("onsale.payments.gateway.in.flight")).isLessThanOrEqualTo(4);
        CompletableFuture.allOf(paying.values().toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(paying.values()).allSatisfy(payment -> {
            OrderOutcome outcome = payment.join();
            assertThat(outcome).as("%s", outcome).isInstanceOf(OrderOutcome.Decided.class);
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(((OrderOutcome.Decided) outcome).order().status()).isEqualTo(Order.CONFIRMED);
        });
        // 2 calls a payment (authorize, capture), 4 at a time, 300 ms each: the burst took the gateway's time.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(BUYERS * 2L * 300 / 4));

        Set<String> orderIds = held.stream().map(Held::orderId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    // This event's orders only: the slow gateway's edge serves the next test too.
                    Map<String, List<PaymentEvent>> byOrder = PaymentEventsLog.read(edge.topics()).stream()
                            .filter(payment -> payment.getOrderId().startsWith(event + ":"))
                            .collect(Collectors.groupingBy(PaymentEvent::getOrderId));
                    assertThat(byOrder.keySet())
                            .as("orders with payment events")
                            .isEqualTo(orderIds);
                    for (Held h : held) {
                        List<PaymentEvent> steps = byOrder.get(h.orderId());
                        assertThat(steps)
                                .as("payment events of %s", h.orderId())
                                .extracting(PaymentEvent::getStatus)
                                .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
                        assertThat(steps).extracting(PaymentEvent::getPaymentId).containsOnly(h.paymentId());
                        assertThat(steps)
                                .extracting(PaymentEvent::getAmountMinor)
                                .containsOnly(9900L);
                    }
                });
        for (Held h : held) {
            assertThat(SandboxGatewayForTests.state(edge.gateway(), h.paymentId()))
                    .as(h.paymentId())
                    .isEqualTo("CAPTURED");
            // No capture without a confirmed order.
            assertThat(EdgeCalls.read(() -> edge.api().order(h.orderId(), h.token()))
                            .orThrow(h.orderId())
                            .status())
                    .isEqualTo(Order.CONFIRMED);
        }
        // Every seat sold, and to exactly one order.
        assertThat(held)
                .flatExtracting(h -> h.order().items())
                .extracting(Order.Item::seatId)
                .doesNotHaveDuplicates()
                .hasSize(BUYERS);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(seatMap(edge, event).seats())
                        .hasSize(BUYERS)
                        .extracting(SeatMap.SeatState::status)
                        .containsOnly(SeatMap.SOLD));
        System.out.printf(
                "%d orders held in %d ms; their payments through a 300 ms gateway, 4 at a time, in %d ms; "
                        + "%d orders and %d payments sent again%n",
                BUYERS, tookToPlace.toMillis(), took.toMillis(), placedAgain.get(), paidAgain.get());
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aDeclinedCardIs402ChargesNothingAndKeepsTheHoldSoAnotherCardConfirms() throws Exception {
        Deployment edge = slowGateway();
        String event = configure(edge, 2);
        Held held = place(edge, event, "decliner", "A-1-1");

        OrderOutcome declined = EdgeCalls.decided(
                () -> edge.api().pay(held.orderId(), "decline-card", held.paymentKey(), held.token()));

        assertThat(declined).as("%s", declined).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(declined.status()).isEqualTo(402);
        assertThat(((OrderOutcome.Failed) declined).problem().reason()).isEqualTo("PAYMENT_DECLINED");
        assertThat(EdgeCalls.read(() -> edge.api().order(held.orderId(), held.token()))
                        .orThrow("order")
                        .status())
                .isEqualTo(Order.HELD);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(seatStatus(edge, event, "A-1-1")).isEqualTo(SeatMap.HELD));
        assertThat(SandboxGatewayForTests.state(edge.gateway(), held.paymentId()))
                .as("never authorized")
                .isNull();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(PaymentEventsLog.stepsOf(edge.topics(), held.orderId()))
                        .containsExactly("FAILED"));

        String anotherKey = UUID.randomUUID().toString();
        OrderOutcome paid =
                EdgeCalls.decided(() -> edge.api().pay(held.orderId(), GOOD_CARD, anotherKey, held.token()));

        assertThat(paid).as("%s", paid).isInstanceOf(OrderOutcome.Decided.class);
        assertThat(((OrderOutcome.Decided) paid).order().status()).isEqualTo(Order.CONFIRMED);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(PaymentEventsLog.stepsOf(edge.topics(), held.orderId()))
                        .containsExactly("FAILED", "AUTHORIZED", "CAPTURED"));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(seatStatus(edge, event, "A-1-1")).isEqualTo(SeatMap.SOLD));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void twoPaymentsOfOneOrderAtOnceWithoutAKeyCaptureOnceAndVoidTheOther() throws Exception {
        Deployment edge = slowGateway();
        String event = configure(edge, 1);
        Held held = place(edge, event, "double-clicker", "A-1-1");

        // Two clicks on "pay": no key, so two payment ids, both authorized while the order is still HELD.
        CompletableFuture<OrderOutcome> first = edge.api().pay(held.orderId(), GOOD_CARD, null, held.token());
        CompletableFuture<OrderOutcome> second = edge.api().pay(held.orderId(), GOOD_CARD, null, held.token());
        List<OrderOutcome> answers = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

        // The payment whose CONFIRM came first paid; the other is told the order is paid (200) or being paid (409).
        assertThat(answers)
                .as("%s", answers)
                .filteredOn(outcome -> outcome.status() == 200)
                .isNotEmpty()
                .allSatisfy(outcome -> assertThat(
                                ((OrderOutcome.Decided) outcome).order().status())
                        .isEqualTo(Order.CONFIRMED));
        assertThat(answers)
                .as("%s", answers)
                .allSatisfy(outcome -> assertThat(outcome.status() == 200
                                || outcome instanceof OrderOutcome.Refused refused
                                        && refused.reason().equals("PAYMENT_IN_PROGRESS"))
                        .isTrue());
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Map<String, List<String>> byPayment = PaymentEventsLog.read(edge.topics()).stream()
                            .filter(payment -> payment.getOrderId().equals(held.orderId()))
                            .collect(Collectors.groupingBy(
                                    PaymentEvent::getPaymentId,
                                    java.util.LinkedHashMap::new,
                                    Collectors.mapping(
                                            payment -> payment.getStatus() == PaymentStatus.VOIDED
                                                    ? "VOIDED:" + payment.getReason()
                                                    : payment.getStatus().name(),
                                            Collectors.toList())));
                    assertThat(byPayment).as("%s", byPayment).hasSize(2);
                    assertThat(byPayment.values())
                            .as("%s", byPayment)
                            .containsOnlyOnce(List.of("AUTHORIZED", "CAPTURED"))
                            .anySatisfy(steps -> assertThat(steps)
                                    .isIn(
                                            List.of("AUTHORIZED", "VOIDED:PAID_BY_ANOTHER_PAYMENT"),
                                            List.of("AUTHORIZED", "VOIDED:PAYMENT_IN_PROGRESS")));
                    assertThat(byPayment.keySet())
                            .extracting(paymentId -> SandboxGatewayForTests.state(edge.gateway(), paymentId))
                            .containsExactlyInAnyOrder("CAPTURED", "VOIDED");
                });
        assertThat(EdgeCalls.read(() -> edge.api().order(held.orderId(), held.token()))
                        .orThrow("order")
                        .status())
                .isEqualTo(Order.CONFIRMED);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(seatStatus(edge, event, "A-1-1")).isEqualTo(SeatMap.SOLD));
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aGatewaySlowerThanThePaymentTimeoutIs503ChargesNothingAndTheCancelledSeatGoesToTheNextBuyer()
            throws Exception {
        Deployment edge = start("timeout", "--onsale.payments.sandbox-latency=3s", "--onsale.payments.timeout=1s");
        String event = configure(edge, 1);
        Held held = place(edge, event, "patient", "A-1-1");

        OrderOutcome timedOut = edge.api()
                .pay(held.orderId(), GOOD_CARD, held.paymentKey(), held.token())
                .join();

        assertThat(timedOut).as("%s", timedOut).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(((OrderOutcome.Failed) timedOut).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(EdgeCalls.read(() -> edge.api().order(held.orderId(), held.token()))
                        .orThrow("order")
                        .status())
                .as("the hold stays")
                .isEqualTo(Order.HELD);

        OrderOutcome cancelled = EdgeCalls.decided(() -> edge.api().cancelOrder(held.orderId(), held.token()));
        assertThat(cancelled).as("%s", cancelled).isInstanceOf(OrderOutcome.Decided.class);
        assertThat(((OrderOutcome.Decided) cancelled).order().status()).isEqualTo(Order.CANCELLED);
        Held next = place(edge, event, "next-in-line", "A-1-1");
        assertThat(next.order().status()).isEqualTo(Order.HELD);
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> assertThat(seatStatus(edge, event, "A-1-1")).isEqualTo(SeatMap.HELD));

        // Nothing authorized, nothing recorded, even after the gateway would have answered the abandoned call.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        PaymentEventsLog.stepsOf(edge.topics(), held.orderId()).isEmpty()
                                && SandboxGatewayForTests.state(edge.gateway(), held.paymentId()) == null);
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void anAuthorizationWhoseConfirmLosesToACancelIsVoidedNeverCapturedAndTheSeatIsFree() throws Exception {
        provider = new FakePaymentProvider();
        Deployment edge = start(
                "void",
                "--onsale.payments.gateway=http",
                "--onsale.payments.http.base-url=" + provider.baseUrl(),
                "--onsale.payments.timeout=30s",
                "--onsale.payments.http.call-timeout=25s",
                "--onsale.payments.http.max-retries=0");
        String event = configure(edge, 1);
        Held held = place(edge, event, "second-thoughts", "A-1-1");

        // The provider holds the authorization until told to answer; meanwhile the buyer cancels the order, still HELD.
        provider.beSlow();
        CompletableFuture<OrderOutcome> paying =
                edge.api().pay(held.orderId(), GOOD_CARD, held.paymentKey(), held.token());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> provider.requests().stream()
                        .anyMatch(request -> request.path().equals("/authorizations")));
        OrderOutcome cancelled = EdgeCalls.decided(() -> edge.api().cancelOrder(held.orderId(), held.token()));
        assertThat(cancelled).as("%s", cancelled).isInstanceOf(OrderOutcome.Decided.class);
        assertThat(((OrderOutcome.Decided) cancelled).order().status()).isEqualTo(Order.CANCELLED);
        assertThat(paying).isNotDone();
        provider.answerAgain();

        OrderOutcome lost = paying.get(60, TimeUnit.SECONDS);

        assertThat(lost).as("%s", lost).isInstanceOf(OrderOutcome.Refused.class);
        assertThat(((OrderOutcome.Refused) lost).reason()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(PaymentEventsLog.stepsOf(edge.topics(), held.orderId()))
                        .containsExactly("AUTHORIZED", "VOIDED:CANCELLED"));
        assertThat(provider.authorizations()).hasSize(1);
        String authorizationId = provider.authorizations().keySet().iterator().next();
        assertThat(provider.state(authorizationId)).isEqualTo(FakePaymentProvider.State.VOIDED);
        assertThat(provider.captures(authorizationId)).isZero();
        assertThat(place(edge, event, "next-in-line", "A-1-1").order().status()).isEqualTo(Order.HELD);
    }

    private static synchronized Deployment slowGateway() throws IOException {
        if (slowGateway == null) {
            slowGateway = deploy(
                    "slow-gateway",
                    "--onsale.payments.sandbox-latency=300ms",
                    "--onsale.payments.max-concurrent=4",
                    "--onsale.payments.max-queued=1000",
                    "--onsale.payments.timeout=10s");
        }
        return slowGateway;
    }

    /** An edge for this test alone; the slow gateway's is stopped first, so one edge runs at a time. */
    private Deployment start(String name, String... settings) throws IOException {
        stopSlowGateway();
        Deployment deployment = deploy(name, settings);
        perTest.add(deployment);
        return deployment;
    }

    private static Deployment deploy(String name, String... settings) throws IOException {
        String prefix = RealKafka.uniquePrefix("payments-" + name);
        return new Deployment(RunningEdge.start(prefix, settings), Topics.from(new Topics.Settings(prefix, 4, 1)));
    }

    private static String configure(Deployment edge, int seats) {
        String event = "pay-" + UUID.randomUUID().toString().substring(0, 8);
        Answer<ConfigureAck> configured = edge.api()
                .configureEvent(
                        event,
                        DemoEvents.typedOnSaleWithSeats(seats, DemoEvents.passThroughQueue()),
                        TestTokens.organizer("org-1"))
                .join();
        assertThat(configured.status()).as("%s", configured.problem()).isEqualTo(200);
        return event;
    }

    private static Held place(Deployment edge, String event, String buyer, String seat) {
        String key = UUID.randomUUID().toString();
        return held(
                buyer,
                EdgeCalls.decided(() ->
                        edge.api().placeOrder(event, OrderRequest.seats(List.of(seat)), key, TestTokens.buyer(buyer))));
    }

    private static Held held(String buyer, OrderOutcome outcome) {
        assertThat(outcome).as("%s", outcome).isInstanceOf(OrderOutcome.Decided.class);
        Order order = ((OrderOutcome.Decided) outcome).order();
        assertThat(order.status()).isEqualTo(Order.HELD);
        return new Held(buyer, order, UUID.randomUUID().toString());
    }

    private static SeatMap seatMap(Deployment edge, String event) {
        return EdgeCalls.read(() -> edge.api().seats(event, "A", TestTokens.buyer("auditor")))
                .orThrow("seat map");
    }

    private static String seatStatus(Deployment edge, String event, String seatId) {
        return seatMap(edge, event).seats().stream()
                .filter(seat -> seat.seatId().equals(seatId))
                .findFirst()
                .orElseThrow()
                .status();
    }
}
