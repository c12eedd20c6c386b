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
import io.onsale.edge.testing.OrderSliceFixture;
import io.onsale.edge.testing.TestTokens;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderStatus;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The pay endpoint's contract with the engine and the gateway replaced (the sandbox's): what is refused before
 * anything is read or charged, how the order is found (buyer's {@code OrderLookup}), and how each outcome of the
 * payment is told to the buyer and recorded on {@code payment-events}.
 */
@WebFluxTest(controllers = PaymentController.class, properties = "onsale.payments.sandbox-latency=0ms")
@EnableConfigurationProperties(PaymentSettings.class)
@Import({PaymentFlow.class, SandboxGatewayForTests.class, OrderLookupForTests.class})
class PaymentControllerTest extends OrderSliceFixture {

    @Autowired
    PaymentGateway payments;

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

    private WebTestClient.ResponseSpec pay(String buyer, String orderId, String method, String key) {
        return http.post()
                .uri("/api/orders/{id}/payment", orderId)
                .headers(asBuyer(buyer, key))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("paymentMethod", method))
                .exchange();
    }
}
