package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.buyer.OrderGateway;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.buyer.OrderLookupForTests;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderLine;
import io.onsale.schema.order.OrderLineStatus;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The pay endpoint's contract with the engine and the gateway replaced (the sandbox's): what is refused before
 * anything is read or charged, how the order is found (buyer's {@code OrderLookup}), and how each outcome of the
 * payment is told to the buyer and recorded on {@code payment-events}.
 */
@WebFluxTest(controllers = PaymentController.class, properties = "onsale.payments.sandbox-latency=0ms")
@EnableConfigurationProperties({JwtSettings.class, PaymentSettings.class})
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({
    QueryService.class,
    io.onsale.edge.platform.StoreReads.class,
    PaymentFlow.class,
    SandboxGatewayForTests.class,
    OrderLookupForTests.class,
    ClockWiring.class
})
class PaymentControllerTest {

    private static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant HOLD_ENDS = SALE_OPEN.plusSeconds(600);
    private static final String ORDER_ID = OrderLookupForTests.orderIdOf("E1", "place:E1:alice:k-1");

    @Autowired
    WebTestClient http;

    @MockitoBean
    EventCatalog catalog;

    @MockitoBean
    OrderGateway gateway;

    @MockitoBean
    ReservationsStreams streams;

    @MockitoBean
    ReservationQueries queries;

    @MockitoBean
    CommandPublisher publisher;

    @Autowired
    PaymentGateway payments;

    @TestConfiguration
    static class CatalogueOfTopics {
        @Bean
        Topics topics() {
            return Topics.from(Topics.Settings.defaults());
        }
    }

    @BeforeEach
    void anEventWithSeatsAndTwoStandingSections() {
        Section seated = Section.newBuilder()
                .setSectionId("A")
                .setName("A")
                .setKind(SectionKind.RESERVED)
                .setPriceTier("T1")
                .setPriceMinor(9_900)
                .setZones(List.of())
                .setSeats(List.of(seat("A-1-1", 1), seat("A-1-2", 2), seat("A-1-3", 3)))
                .build();
        Section floor = Section.newBuilder()
                .setSectionId("FLOOR")
                .setName("Floor")
                .setKind(SectionKind.GENERAL_ADMISSION)
                .setPriceTier("GA")
                .setPriceMinor(4_500)
                .setSeats(List.of())
                .setZones(List.of(
                        Zone.newBuilder().setZoneId("FLOOR-1").setCapacity(100).build()))
                .build();
        Section lawn = Section.newBuilder()
                .setSectionId("LAWN")
                .setName("Lawn")
                .setKind(SectionKind.GENERAL_ADMISSION)
                .setPriceTier("GA")
                .setPriceMinor(3_000)
                .setSeats(List.of())
                .setZones(List.of(
                        Zone.newBuilder().setZoneId("LAWN-L").setCapacity(50).build(),
                        Zone.newBuilder().setZoneId("LAWN-R").setCapacity(50).build()))
                .build();
        EventConfig config = EventConfig.newBuilder()
                .setEventId("E1")
                .setName("n")
                .setVenue("v")
                .setSaleOpensAt(SALE_OPEN)
                .setPerBuyerLimit(4)
                .setSections(List.of(seated, floor, lawn))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
        when(catalog.index("E1")).thenReturn(Optional.of(new EventIndex(config)));
        when(catalog.index("NOPE")).thenReturn(Optional.empty());
        when(streams.queries()).thenReturn(queries);
        when(publisher.publish(any(), any(), any())).thenReturn(Mono.empty());
    }

    // ---- refused before anything is produced

    @Test
    void anIdempotencyKeyWithASeparatorOfTheEdgesIdsIsRefusedBeforeAnythingIsProduced() {
        // The key becomes part of pay:<orderId>:<key> (and of place:<eventId>:<buyerId>:<key>: OrderControllerTest).
        for (String key : List.of("k:1", "k|1", "k\t1")) {
            pay("alice", ORDER_ID, "sandbox-card", key)
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:onsale:problem:invalid-idempotency-key");
        }
        verify(gateway, never()).confirm(any(), any(), any(), any(), any());
        assertThat(paymentSteps()).isEmpty();
    }

    // ---- paying

    @Test
    void aPaidOrderIsConfirmedAndItsPaymentCaptured() {
        givenHeldOrder(Instant.now().plusSeconds(300));
        when(gateway.confirm(eq(new OrderRef("E1", ORDER_ID)), eq("alice"), anyString(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.CONFIRMED)
                        .setItems(List.of(item("A", "A-1-1", 1, 9_900)))
                        .setTotalMinor(9_900)
                        .build()));

        pay("alice", ORDER_ID, "card-ok", "p-1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$.paymentId")
                .isEqualTo("pay:" + ORDER_ID + ":p-1");

        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":p-1"))
                .isEqualTo("CAPTURED");
        assertThat(paymentSteps()).containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
    }

    @Test
    void aPaymentThatLostTheRaceToAnotherPaymentOfTheOrderIsVoidedAndAnswered200WithTheOrderAsPaid() {
        givenHeldOrder(Instant.now().plusSeconds(300));
        String winner = "pay:" + ORDER_ID + ":first-click";
        when(gateway.confirm(eq(new OrderRef("E1", ORDER_ID)), eq("alice"), anyString(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.CONFIRMED)
                        .setItems(List.of(item("A", "A-1-1", 1, 9_900)))
                        .setTotalMinor(9_900)
                        .setPaymentId(winner)
                        .build()));

        pay("alice", ORDER_ID, "card-ok", "second-click")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$.paymentId")
                .isEqualTo(winner);

        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":second-click"))
                .isEqualTo("VOIDED");
        assertThat(paymentSteps()).containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
    }

    @Test
    void aPaymentWhileAnotherPaymentOfTheOrderIsBeingConfirmedIs409AndVoided() {
        givenHeldOrder(Instant.now().plusSeconds(300));
        when(gateway.confirm(any(), any(), anyString(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.REJECTED)
                        .setReason("PAYMENT_IN_PROGRESS")
                        .setPaymentId("pay:" + ORDER_ID + ":first-click")
                        .build()));

        pay("alice", ORDER_ID, "card-ok", "second-click")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("PAYMENT_IN_PROGRESS")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("not charged"));

        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":second-click"))
                .isEqualTo("VOIDED");
        assertThat(paymentSteps()).containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
    }

    @Test
    void aPaymentOfAnOrderAlreadyConfirmedIs200WithTheOrderAndChargesNothingWithOrWithoutAKey() {
        // After a crash the buyer retries the payment that was confirmed and captured meanwhile, or pays again.
        BuyerOrders books = books("alice", OrderStatus.CONFIRMED);
        books.getOrders().get(0).setPaymentId("pay:" + ORDER_ID + ":p-0");
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Local<>(Optional.of(books)));

        pay("alice", ORDER_ID, "card-ok", "p-0")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$.paymentId")
                .isEqualTo("pay:" + ORDER_ID + ":p-0");
        http.post()
                .uri("/api/orders/{id}/payment", ORDER_ID)
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("paymentMethod", "card-ok"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$.paymentId")
                .isEqualTo("pay:" + ORDER_ID + ":p-0");

        verify(gateway, never()).confirm(any(), any(), any(), any(), any());
        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":p-0"))
                .as("nothing authorized")
                .isNull();
        assertThat(paymentSteps()).isEmpty();
    }

    @Test
    void aDeclinedPaymentIs402AndTheOrderIsNotConfirmed() {
        givenHeldOrder(Instant.now().plusSeconds(300));

        pay("alice", ORDER_ID, "decline-insufficient-funds", "p-2")
                .expectStatus()
                .isEqualTo(402)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:payment-declined")
                .jsonPath("$.reason")
                .isEqualTo("PAYMENT_DECLINED");

        verify(gateway, never()).confirm(any(), any(), any(), any(), any());
        assertThat(paymentSteps()).containsExactly(PaymentStatus.FAILED);
    }

    @Test
    void aHoldThatExpiresWhileThePaymentIsAuthorizedIs409AndTheAuthorizationIsVoided() {
        givenHeldOrder(Instant.now().plusSeconds(300));
        when(gateway.confirm(any(), any(), anyString(), any(), any()))
                .thenReturn(decided(
                        answer(OrderEventType.EXPIRED).setReason("HOLD_EXPIRED").build()));

        pay("alice", ORDER_ID, "card-ok", "p-3")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("HOLD_EXPIRED");

        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":p-3"))
                .isEqualTo("VOIDED");
        assertThat(paymentSteps()).containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
    }

    @Test
    void anOrderWhoseHoldHasRunOutIs409WithoutTouchingTheMoney() {
        givenHeldOrder(Instant.now().minusSeconds(1));

        pay("alice", ORDER_ID, "card-ok", "p-4")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("HOLD_EXPIRED");

        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":p-4"))
                .isNull();
        verify(gateway, never()).confirm(any(), any(), any(), any(), any());
    }

    @Test
    void payingSomeoneElsesOrderIsNotFound() {
        when(queries.orders("E1", "mallory")).thenReturn(new Answer.Local<>(Optional.empty()));

        pay("mallory", ORDER_ID, "card-ok", "p-5").expectStatus().isNotFound();
        verify(gateway, never()).confirm(any(), any(), any(), any(), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConfirmAnsweredAfterTheBuyerWasToldPendingIsStillCapturedOnce() {
        givenHeldOrder(Instant.now().plusSeconds(300));
        ArgumentCaptor<java.util.function.Consumer<OrderEvent>> late =
                ArgumentCaptor.forClass(java.util.function.Consumer.class);
        when(gateway.confirm(any(), any(), anyString(), any(), late.capture()))
                .thenReturn(Mono.just(new OrderGateway.Outcome("r", ORDER_ID, null, null)));

        pay("alice", ORDER_ID, "card-ok", "p-6")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.statusUrl")
                .isEqualTo("/api/orders/" + ORDER_ID);
        assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":p-6"))
                .isEqualTo("AUTHORIZED");

        OrderEvent confirmed = answer(OrderEventType.CONFIRMED).build();
        late.getValue().accept(confirmed);
        late.getValue().accept(confirmed);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(SandboxGatewayForTests.state(payments, "pay:" + ORDER_ID + ":p-6"))
                        .isEqualTo("CAPTURED"));
        assertThat(paymentSteps()).containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
    }

    @Test
    void aPaymentWithoutAMethodIsRefused() {
        http.post()
                .uri("/api/orders/{id}/payment", ORDER_ID)
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-payment");
    }

    // ---- helpers

    private void givenHeldOrder(Instant holdEnds) {
        BuyerOrders books = books("alice", OrderStatus.HELD);
        books.getOrders().get(0).getLines().forEach(line -> {
            if (line.getStatus() == OrderLineStatus.HELD) {
                line.setHoldExpiresAt(holdEnds);
            }
        });
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Local<>(Optional.of(books)));
    }

    private WebTestClient.ResponseSpec pay(String buyer, String orderId, String method, String key) {
        return http.post()
                .uri("/api/orders/{id}/payment", orderId)
                .headers(h -> {
                    h.setBearerAuth(TestTokens.buyer(buyer));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("paymentMethod", method))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private List<PaymentStatus> paymentSteps() {
        ArgumentCaptor<Object> events = ArgumentCaptor.forClass(Object.class);
        verify(publisher, org.mockito.Mockito.atLeast(0)).publish(any(), any(), events.capture());
        return events.getAllValues().stream()
                .filter(PaymentEvent.class::isInstance)
                .map(event -> ((PaymentEvent) event).getStatus())
                .toList();
    }

    private static Mono<OrderGateway.Outcome> decided(OrderEvent answer) {
        return Mono.just(new OrderGateway.Outcome(answer.getRequestId(), answer.getOrderId(), answer, null));
    }

    private static OrderEvent.Builder answer(OrderEventType type) {
        return OrderEvent.newBuilder()
                .setRequestId("r")
                .setType(type)
                .setOrderId(ORDER_ID)
                .setEventId("E1")
                .setBuyerId("alice")
                .setDecidedAt(SALE_OPEN);
    }

    private static OrderItem item(String section, String unit, int quantity, long price) {
        return OrderItem.newBuilder()
                .setSectionId(section)
                .setUnitId(unit)
                .setQuantity(quantity)
                .setPriceMinor(price)
                .build();
    }

    /** Two attempts of a best-available order: only the current attempt's line is the buyer's. */
    private static BuyerOrders books(String buyer, OrderStatus status) {
        OrderLine lost = OrderLine.newBuilder()
                .setSectionId("A")
                .setUnitId("A-1-2")
                .setHoldId(ORDER_ID + "~1")
                .setStatus(OrderLineStatus.RELEASED)
                .setPriceMinor(9_900)
                .build();
        OrderLine current = OrderLine.newBuilder()
                .setSectionId("A")
                .setUnitId("A-1-1")
                .setHoldId(ORDER_ID + "~2")
                .setStatus(OrderLineStatus.HELD)
                .setPriceMinor(9_900)
                .setHoldExpiresAt(HOLD_ENDS)
                .build();
        OrderState order = OrderState.newBuilder()
                .setOrderId(ORDER_ID)
                .setRequestId("r")
                .setStatus(status)
                .setSectionId("A")
                .setQuantity(1)
                .setAttempt(2)
                .setPlacedAt(SALE_OPEN)
                .setUpdatedAt(SALE_OPEN)
                .setLines(List.of(lost, current))
                .build();
        return BuyerOrders.newBuilder()
                .setEventId("E1")
                .setBuyerId(buyer)
                .setOrders(List.of(order))
                .build();
    }

    private static Seat seat(String id, int number) {
        return Seat.newBuilder().setSeatId(id).setRow("1").setNumber(number).build();
    }
}
