package io.onsale.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.loadgen.client.ScriptedEdge.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed client reads every kind of answer the edge gives, as recorded from it, and sends what the API asks. */
class EdgeApiTest {

    static final String EVENT = "sim-1";
    static final String ORDER_ID = "sim-1:0d4c5b2e-8a51-3c3a-9a0e-6f1f5d1c2b3a";

    /** 201 to a seat order, as the edge answers it. */
    static final String HELD = "{\"orderId\":\"" + ORDER_ID + "\",\"status\":\"HELD\",\"eventId\":\"sim-1\","
            + "\"buyerId\":\"buyer-000001\",\"items\":[{\"sectionId\":\"P\",\"seatId\":\"P-1-3\",\"quantity\":1,"
            + "\"priceMinor\":15000}],\"expiresAt\":\"2026-11-27T22:30:00Z\",\"total\":{\"amountMinor\":15000,"
            + "\"currency\":\"EUR\"}}";
    /** 409 when the seat was just taken, with the engine's alternatives (seats, and best-available in a section). */
    static final String SEAT_TAKEN = "{\"type\":\"urn:onsale:problem:seat-taken\",\"title\":\"Not available\","
            + "\"status\":409,\"detail\":\"A seat of this order was taken by another buyer a moment earlier; nothing was"
            + " held.\",\"instance\":\"/api/events/sim-1/orders\",\"reason\":\"SEAT_TAKEN\",\"orderId\":\"" + ORDER_ID
            + "\",\"alternatives\":[{\"sectionId\":\"P\",\"seatIds\":[\"P-1-4\",\"P-1-5\"],\"quantity\":2,"
            + "\"price\":{\"amountMinor\":30000,\"currency\":\"EUR\"}},{\"sectionId\":\"B\",\"quantity\":2,"
            + "\"price\":{\"amountMinor\":16000,\"currency\":\"EUR\"}}]}";

    static final String PENDING =
            "{\"status\":\"PENDING\",\"orderId\":\"" + ORDER_ID + "\",\"statusUrl\":\"/api/orders/" + ORDER_ID
                    + "\",\"retryAfterSeconds\":1,\"detail\":\"Not decided yet\"}";

    // One edge and one client for the class: closing a client waits out its event loop's quiet period.
    private static ScriptedEdge edge;
    private static EdgeApi api;

    @BeforeAll
    static void start() throws Exception {
        edge = new ScriptedEdge();
        api = EdgeApi.connect(edge.uri(), new EdgeApi.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 8, 1));
    }

    @AfterAll
    static void stop() {
        api.close();
        edge.close();
    }

    @BeforeEach
    void forgetEarlierTests() {
        edge.reset();
    }

    @Test
    void heldOrderIsReadIntoTypedRecordsAndTheRequestCarriesKeyTokenAndBody() {
        edge.on("POST /api/events/sim-1/orders", Reply.json(201, HELD));

        OrderOutcome outcome = api.placeOrder(EVENT, OrderRequest.seats(List.of("P-1-3")), "key-1", "tok")
                .join();

        assertThat(outcome).isInstanceOf(OrderOutcome.Decided.class);
        Order order = ((OrderOutcome.Decided) outcome).order();
        assertThat(order.orderId()).isEqualTo(ORDER_ID);
        assertThat(order.holdsTickets()).isTrue();
        assertThat(order.items()).containsExactly(new Order.Item("P", "P-1-3", null, 1, 15000));
        assertThat(order.expiresAt()).isEqualTo(Instant.parse("2026-11-27T22:30:00Z"));
        assertThat(order.total()).isEqualTo(new Money(15000, "EUR"));
        ScriptedEdge.Sent sent = edge.sent.get(0);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer tok");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(sent.header("Admission-Token")).isNull();
        assertThat(sent.body()).isEqualTo("{\"seats\":[\"P-1-3\"]}");
    }

    @Test
    void anEdgeBehindAPathPrefixKeepsItsPrefix() {
        edge.on("GET /onsale/api/events/sim-1", Reply.json(200, "{\"eventId\":\"sim-1\"}"));

        try (EdgeApi prefixed = EdgeApi.connect(URI.create(edge.uri() + "/onsale/"), EdgeApi.Settings.defaults())) {
            assertThat(prefixed.event(EVENT, "tok").join().status()).isEqualTo(200);
        }

        assertThat(edge.sent.get(0).path()).isEqualTo("/onsale/api/events/sim-1");
        assertThat(edge.sent.get(0).header("Authorization")).isEqualTo("Bearer tok");
    }

    @Test
    void refusalIsAProblemWithReasonAndAlternativesThatBecomeOrders() {
        edge.on("POST /api/events/sim-1/orders", Reply.problem(409, SEAT_TAKEN));

        OrderOutcome outcome = api.placeOrder(EVENT, OrderRequest.inSection("P", 2), "key-2", "tok", "adm")
                .join();

        assertThat(outcome).isInstanceOf(OrderOutcome.Refused.class);
        OrderOutcome.Refused refused = (OrderOutcome.Refused) outcome;
        assertThat(refused.reason()).isEqualTo("SEAT_TAKEN");
        assertThat(refused.problem().kind()).isEqualTo("seat-taken");
        assertThat(refused.problem().alternatives()).hasSize(2);
        assertThat(refused.problem().alternatives().get(0).asOrder())
                .isEqualTo(OrderRequest.seats(List.of("P-1-4", "P-1-5")));
        assertThat(refused.problem().alternatives().get(1).asOrder()).isEqualTo(OrderRequest.inSection("B", 2));
        assertThat(edge.sent.get(0).body()).isEqualTo("{\"sectionId\":\"P\",\"quantity\":2}");
        assertThat(edge.sent.get(0).header("Admission-Token")).isEqualTo("adm");
    }

    @Test
    void aJoinIsReadAsTheFirstStatusWithItsSignedTicketAndAStatusCarriesTheAdmissionOnceAdmitted() {
        edge.on(
                "POST /api/events/sim-1/queue",
                Reply.json(
                        201,
                        "{\"eventId\":\"sim-1\",\"state\":\"WAITING\","
                                + "\"position\":42,\"servingCounter\":12,\"buyersAhead\":29,\"admitRatePerSecond\":0.0,\"paused\":false,"
                                + "\"ticket\":\"qt.signed\",\"pollAfterSeconds\":2}"));
        edge.on(
                "GET /api/events/sim-1/queue/qt.signed",
                Reply.json(
                        200,
                        "{\"eventId\":\"sim-1\",\"state\":\"ADMITTED\","
                                + "\"mode\":\"QUEUING\",\"position\":42,\"servingCounter\":60,\"buyersAhead\":0,"
                                + "\"admitRatePerSecond\":30.5,\"paused\":false,\"admittedAt\":\"2026-11-27T22:00:03Z\","
                                + "\"windowEndsAt\":\"2026-11-27T22:05:03Z\",\"admissionToken\":\"adm.signed\"}"));

        Answer<QueueStatus> joined = api.joinQueue(EVENT, "tok").join();
        Answer<QueueStatus> status =
                api.queueStatus(EVENT, joined.body().ticket(), "tok").join();

        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.body().state()).isEqualTo(QueueStatus.WAITING);
        assertThat(joined.body().position()).isEqualTo(42L);
        assertThat(joined.body().finished()).isFalse();
        assertThat(joined.body().pollAfter(Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(2));
        assertThat(status.body().finished()).isTrue();
        assertThat(status.body().admissionToken()).isEqualTo("adm.signed");
        assertThat(status.body().admittedAt()).isEqualTo(Instant.parse("2026-11-27T22:00:03Z"));
        assertThat(status.body().pollAfter(Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
        assertThat(edge.sent.get(0).header("Authorization")).isEqualTo("Bearer tok");
    }

    @Test
    void aPendingJoinIsAnAnswerWithoutAStateAndARefusedTicketIsAProblem() {
        edge.on(
                "POST /api/events/sim-1/queue",
                Reply.json(202, "{\"status\":\"PENDING\",\"detail\":\"join again\"}")
                        .withHeader("Retry-After", "1"));
        edge.on(
                "GET /api/events/sim-1/queue/forged",
                Reply.problem(
                        401,
                        "{\"type\":\"urn:onsale:problem:invalid-queue-"
                                + "ticket\",\"title\":\"Invalid queue ticket\",\"status\":401,\"refusal\":\"BAD_SIGNATURE\"}"));

        Answer<QueueStatus> pending = api.joinQueue(EVENT, "tok").join();
        Answer<QueueStatus> refused = api.queueStatus(EVENT, "forged", "tok").join();

        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.body().state()).isNull();
        assertThat(pending.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.problem().kind()).isEqualTo("invalid-queue-ticket");
    }

    @Test
    void aPaymentIsConfirmedDeclinedOrRefusedAndSendsItsMethodAndKey() {
        edge.on(
                "POST /api/orders/" + ORDER_ID + "/payment",
                Reply.json(200, HELD.replace("\"HELD\"", "\"CONFIRMED\"")),
                Reply.problem(
                        402,
                        "{\"type\":\"urn:onsale:problem:payment-declined\",\"title\":\"Payment declined\","
                                + "\"status\":402,\"reason\":\"PAYMENT_DECLINED\",\"declineReason\":\"CARD_DECLINED\","
                                + "\"orderId\":\"" + ORDER_ID + "\"}"),
                Reply.problem(
                        409,
                        "{\"type\":\"urn:onsale:problem:hold-expired\",\"title\":\"Cannot be paid\","
                                + "\"status\":409,\"reason\":\"HOLD_EXPIRED\",\"orderId\":\"" + ORDER_ID
                                + "\",\"alternatives\":[]}"));

        OrderOutcome paid = api.pay(ORDER_ID, "card-ok", "pay-1", "tok").join();
        OrderOutcome declined =
                api.pay(ORDER_ID, "decline-card", "pay-2", "tok").join();
        OrderOutcome expired = api.pay(ORDER_ID, "card-ok", "pay-3", "tok").join();

        assertThat(paid).isInstanceOf(OrderOutcome.Decided.class);
        assertThat(((OrderOutcome.Decided) paid).order().status()).isEqualTo(Order.CONFIRMED);
        assertThat(declined).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(((OrderOutcome.Failed) declined).problem().reason()).isEqualTo("PAYMENT_DECLINED");
        assertThat(declined.status()).isEqualTo(402);
        assertThat(((OrderOutcome.Refused) expired).reason()).isEqualTo("HOLD_EXPIRED");
        assertThat(edge.sent.get(0).body()).isEqualTo("{\"paymentMethod\":\"card-ok\"}");
        assertThat(edge.sent.get(0).header("Idempotency-Key")).isEqualTo("pay-1");
    }

    @Test
    void pendingCarriesTheRetryAfterOfTheHeader() {
        edge.on("POST /api/events/sim-1/orders", Reply.json(202, PENDING).withHeader("Retry-After", "2"));

        OrderOutcome outcome = api.placeOrder(EVENT, OrderRequest.seats(List.of("P-1-3")), "key-3", "tok")
                .join();

        assertThat(outcome)
                .isEqualTo(new OrderOutcome.Pending(202, ORDER_ID, "/api/orders/" + ORDER_ID, Duration.ofSeconds(2)));
    }

    @Test
    void otherStatusesAreFailedOutcomesWithTheirProblemEvenWithoutAProblemBody() {
        edge.on(
                "POST /api/events/sim-1/orders",
                Reply.problem(
                        422,
                        "{\"type\":\"urn:onsale:problem:unknown-seat\",\"title\":\"Unprocessable request\","
                                + "\"status\":422,\"detail\":\"Event 'sim-1' has no seat 'Z-9'.\",\"seatId\":\"Z-9\"}"),
                new Reply(503, "text/plain", java.util.Map.of("Retry-After", "3"), "busy", Duration.ZERO));

        OrderOutcome unknown = api.placeOrder(EVENT, OrderRequest.seats(List.of("Z-9")), "k", "tok")
                .join();
        OrderOutcome busy = api.placeOrder(EVENT, OrderRequest.seats(List.of("Z-9")), "k", "tok")
                .join();

        assertThat(unknown).isInstanceOf(OrderOutcome.Failed.class);
        assertThat(((OrderOutcome.Failed) unknown).problem().kind()).isEqualTo("unknown-seat");
        assertThat(((OrderOutcome.Failed) unknown).problem().describe())
                .isEqualTo("422 Unprocessable request: Event" + " 'sim-1' has no seat 'Z-9'.");
        assertThat(busy)
                .isEqualTo(new OrderOutcome.Failed(
                        503,
                        new Problem(null, null, 503, "busy", null, null, List.of(), List.of()),
                        Duration.ofSeconds(3)));
    }

    @Test
    void configurationErrorsAreListedWithTheirFields() {
        edge.on(
                "PUT /api/admin/events/sim-1",
                Reply.problem(
                        400,
                        "{\"type\":\"urn:onsale:problem:invalid-event-config\","
                                + "\"title\":\"Bad request\",\"status\":400,\"detail\":\"The event config has 1 problem(s)\","
                                + "\"errors\":[{\"field\":\"perBuyerLimit\",\"message\":\"must be between 1 and 100, got 0\"}]}"));
        EventConfig config = new EventConfig(
                "n",
                "v",
                Instant.parse("2026-11-27T22:00:00Z"),
                "EUR",
                10,
                0,
                List.of(EventConfig.Section.generalAdmission(
                        "GA", "Floor", "GA", 4500, List.of(new EventConfig.Zone("GA-1", 100)))),
                new EventConfig.QueuePolicy(1, 1, 1, 1));

        Answer<ConfigureAck> answer = api.configureEvent(EVENT, config, "org").join();

        assertThat(answer.ok()).isFalse();
        assertThat(answer.problem().errors())
                .containsExactly(
                        java.util.Map.of("field", "perBuyerLimit", "message", "must be between 1 and 100, got 0"));
        // Absent optional fields are left out: the edge refuses unknown and null-only shapes alike.
        assertThat(edge.sent.get(0).body())
                .contains("\"saleOpensAt\":\"2026-11-27T22:00:00Z\"")
                .contains("\"zones\":[{\"zoneId\":\"GA-1\",\"capacity\":100}]")
                .doesNotContain("seats")
                .doesNotContain("null");
    }

    @Test
    void seatMapEventAndOrderReadsAreTyped() {
        edge.on(
                "GET /api/events/sim-1/sections/P/seats",
                Reply.json(
                        200,
                        "{\"eventId\":\"sim-1\",\"sectionId\":\"P\","
                                + "\"seats\":[{\"seatId\":\"P-1-1\",\"row\":\"1\",\"number\":1,\"status\":\"HELD\"},"
                                + "{\"seatId\":\"P-1-2\",\"row\":\"1\",\"number\":2,\"status\":\"AVAILABLE\"}]}"));
        edge.on(
                "GET /api/events/sim-1",
                Reply.json(
                        200,
                        "{\"eventId\":\"sim-1\",\"name\":\"n\",\"venue\":\"v\","
                                + "\"saleOpensAt\":\"2026-11-27T22:00:00Z\",\"currency\":\"EUR\",\"sections\":[{\"sectionId\":\"GA\","
                                + "\"name\":\"Floor\",\"kind\":\"GENERAL_ADMISSION\",\"priceTier\":\"GA\",\"priceMinor\":4500,"
                                + "\"seats\":[],\"zones\":[{\"zoneId\":\"GA-1\",\"capacity\":200}],\"availability\":{\"capacity\":200,"
                                + "\"available\":150,\"held\":50,\"sold\":0,\"updatedAt\":\"2026-11-27T22:00:01Z\"}}],"
                                + "\"queuePolicy\":{\"activationThreshold\":1}}"));
        edge.on("GET /api/orders/" + ORDER_ID, Reply.json(200, HELD));

        SeatMap seats = api.seats(EVENT, "P", "tok").join().orThrow("seats");
        EventView event = api.event(EVENT, "tok").join().orThrow("event");
        Order order = api.order(ORDER_ID, "tok").join().orThrow("order");

        assertThat(seats.seats()).extracting(SeatMap.SeatState::taken).containsExactly(true, false);
        assertThat(event.section("GA").orElseThrow().availability().held()).isEqualTo(50);
        assertThat(order.status()).isEqualTo(Order.HELD);
    }

    @Test
    void cancelIsDecidedWith200AndRefusedWith409() {
        edge.on(
                "DELETE /api/orders/" + ORDER_ID,
                Reply.json(200, HELD.replace("HELD", "CANCELLED")),
                Reply.problem(
                        409,
                        "{\"type\":\"urn:onsale:problem:hold-expired\",\"status\":409,"
                                + "\"reason\":\"HOLD_EXPIRED\",\"alternatives\":[]}"));

        OrderOutcome cancelled = api.cancelOrder(ORDER_ID, "tok").join();
        OrderOutcome expired = api.cancelOrder(ORDER_ID, "tok").join();

        assertThat(((OrderOutcome.Decided) cancelled).order().status()).isEqualTo(Order.CANCELLED);
        assertThat(((OrderOutcome.Refused) expired).reason()).isEqualTo("HOLD_EXPIRED");
    }

    @Test
    void aSlowEdgeIsATimeoutAndAClosedPortIsUnreachable() throws Exception {
        edge.on("GET /api/events/sim-1", Reply.json(200, "{}").after(Duration.ofSeconds(4)));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> api.event(EVENT, "tok").get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(EdgeCallException.class)
                .satisfies(e -> assertThat(((EdgeCallException) e).kind()).isEqualTo(EdgeCallException.Kind.TIMEOUT));
        try (EdgeApi nowhere =
                EdgeApi.connect(URI.create("http://127.0.0.1:" + closedPort), EdgeApi.Settings.defaults())) {
            assertThatThrownBy(() -> nowhere.event(EVENT, "tok").join())
                    .isInstanceOf(CompletionException.class)
                    .satisfies(e -> assertThat(((EdgeCallException) e.getCause()).kind())
                            .isEqualTo(EdgeCallException.Kind.UNREACHABLE));
        }
    }

    @Test
    void a2xxBodyOutsideTheContractFailsLoudly() {
        edge.on("GET /api/orders/" + ORDER_ID, Reply.json(200, "<html>proxy login</html>"));

        assertThatThrownBy(() -> api.order(ORDER_ID, "tok").join())
                .cause()
                .isInstanceOf(EdgeCallException.class)
                .hasMessageContaining("not a Order");
    }
}
