package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.queue.LapsedAdmission;
import io.onsale.edge.testing.OrderSliceFixture;
import io.onsale.edge.testing.TestTokens;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.order.Alternative;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderReason;
import io.onsale.schema.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The order endpoints' contract with the engine replaced: what is refused before anything is produced, what the
 * engine is asked, and how each committed answer is told to the buyer.
 */
@WebFluxTest(controllers = OrderController.class)
class OrderControllerTest extends OrderSliceFixture {

    /** Set on a request to stand for the admission filter's verdict that the buyer's purchase window has ended. */
    private static final String LAPSED = "X-Test-Window-Ended";

    @Autowired
    RecentOrders recentOrders;

    @BeforeEach
    void nothingAnsweredYet() {
        recentOrders.clear();
    }

    @TestConfiguration
    static class RecentAnswersAndAdmission {
        @Bean
        RecentOrders recentOrders() {
            return new RecentOrders(java.time.Clock.systemUTC());
        }

        /** Stands in for the admission filter's verdict on a keyed order whose purchase window has ended. */
        @Bean
        WebFilter lapsedAdmission() {
            return (exchange, chain) -> {
                if (exchange.getRequest().getHeaders().containsHeader(LAPSED)) {
                    LapsedAdmission.mark(
                            exchange,
                            new ApiProblem(
                                            HttpStatus.UNAUTHORIZED,
                                            "admission-refused",
                                            "Admission refused",
                                            "the purchase window ended")
                                    .with("refusal", "EXPIRED"));
                }
                return chain.filter(exchange);
            };
        }
    }

    // ---- placing

    @Test
    void aHeldOrderIsAnswered201WithItsItemsExpiryAndTotal() {
        when(gateway.place(eq("E1"), eq("alice"), eq("k-1"), any())).thenReturn(decided(held("A-1-1", "A-1-2")));

        post("alice", "k-1", "{\"seats\":[\"A-1-1\",\"A-1-2\"]}")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", "/api/orders/" + ORDER_ID)
                .expectBody()
                .jsonPath("$.orderId")
                .isEqualTo(ORDER_ID)
                .jsonPath("$.status")
                .isEqualTo("HELD")
                .jsonPath("$.eventId")
                .isEqualTo("E1")
                .jsonPath("$.items[0].sectionId")
                .isEqualTo("A")
                .jsonPath("$.items[0].seatId")
                .isEqualTo("A-1-1")
                .jsonPath("$.items[1].seatId")
                .isEqualTo("A-1-2")
                .jsonPath("$.items[0].priceMinor")
                .isEqualTo(9_900)
                .jsonPath("$.expiresAt")
                .isEqualTo(HOLD_ENDS.toString())
                .jsonPath("$.total.amountMinor")
                .isEqualTo(19_800)
                .jsonPath("$.total.currency")
                .isEqualTo("EUR")
                .jsonPath("$.reason")
                .doesNotExist();
    }

    @Test
    void severalSeatsAreAskedForAsOneOrderWithTheirSections() {
        when(gateway.place(any(), any(), any(), any())).thenReturn(decided(held("A-1-1", "A-1-3")));

        post("alice", "k-1", "{\"seats\":[\"A-1-1\",\"A-1-3\"]}").expectStatus().isCreated();

        OrderPlacement asked = placementAsked();
        assertThat(asked.units())
                .containsExactly(new OrderPlacement.Unit("A", "A-1-1", 1), new OrderPlacement.Unit("A", "A-1-3", 1));
        assertThat(asked.sectionId()).isNull();
    }

    @Test
    void aQuantityInASeatedSectionAsksTheEngineForTheBestAvailableSeats() {
        when(gateway.place(any(), any(), any(), any())).thenReturn(decided(held("A-1-2", "A-1-3")));

        post("alice", "k-1", "{\"sectionId\":\"A\",\"quantity\":2}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(2);

        OrderPlacement asked = placementAsked();
        assertThat(asked.units()).isEmpty();
        assertThat(asked.sectionId()).isEqualTo("A");
        assertThat(asked.quantity()).isEqualTo(2);
    }

    @Test
    void aQuantityInAStandingSectionWithOneZoneNamesThatZone() {
        OrderEvent held = held().setItems(List.of(item("FLOOR", "FLOOR-1", 3, 4_500)))
                .setTotalMinor(13_500)
                .build();
        when(gateway.place(any(), any(), any(), any())).thenReturn(decided(held));

        post("alice", "k-1", "{\"sectionId\":\"FLOOR\",\"quantity\":3}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.items[0].zoneId")
                .isEqualTo("FLOOR-1")
                .jsonPath("$.items[0].seatId")
                .doesNotExist()
                .jsonPath("$.items[0].quantity")
                .isEqualTo(3);

        assertThat(placementAsked().units()).containsExactly(new OrderPlacement.Unit("FLOOR", "FLOOR-1", 3));
    }

    @Test
    void aQuantityInAStandingSectionWithSeveralZonesLetsTheEnginePick() {
        when(gateway.place(any(), any(), any(), any())).thenReturn(decided(held("A-1-1")));

        post("alice", "k-1", "{\"sectionId\":\"LAWN\",\"quantity\":2}")
                .expectStatus()
                .isCreated();

        OrderPlacement asked = placementAsked();
        assertThat(asked.units()).isEmpty();
        assertThat(asked.sectionId()).isEqualTo("LAWN");
    }

    @Test
    void aLostRaceIsAnswered409ProblemWithTheReasonAndTheAlternatives() {
        OrderEvent rejected = answer(OrderEventType.REJECTED)
                .setReason("SEAT_TAKEN")
                .setAlternatives(List.of(
                        Alternative.newBuilder()
                                .setSectionId("A")
                                .setUnitIds(List.of("A-1-3"))
                                .setQuantity(1)
                                .setPriceMinor(9_900)
                                .build(),
                        Alternative.newBuilder()
                                .setSectionId("FLOOR")
                                .setUnitIds(List.of())
                                .setQuantity(1)
                                .setPriceMinor(4_500)
                                .build()))
                .build();
        when(gateway.place(eq("E1"), eq("bob"), anyString(), any())).thenReturn(decided(rejected));

        post("bob", "k-2", "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:seat-taken")
                .jsonPath("$.reason")
                .isEqualTo("SEAT_TAKEN")
                .jsonPath("$.alternatives[0].sectionId")
                .isEqualTo("A")
                .jsonPath("$.alternatives[0].seatIds[0]")
                .isEqualTo("A-1-3")
                .jsonPath("$.alternatives[0].quantity")
                .isEqualTo(1)
                .jsonPath("$.alternatives[0].price.amountMinor")
                .isEqualTo(9_900)
                .jsonPath("$.alternatives[1].sectionId")
                .isEqualTo("FLOOR")
                .jsonPath("$.alternatives[1].zoneIds")
                .isEmpty();
    }

    @Test
    void anOrderOverTheBuyerLimitIsAConflictNamingTheLimit() {
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(decided(
                        answer(OrderEventType.REJECTED).setReason("BUYER_LIMIT").build()));

        post("alice", "k-1", "{\"sectionId\":\"FLOOR\",\"quantity\":4}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("BUYER_LIMIT");
    }

    @Test
    void aBuyerRefusedForGivingUpTooManyHoldsIsToldWhenItMayHoldAgainInRetryAfter() {
        Instant retryAt = Instant.now().plusSeconds(600);
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.REJECTED)
                        .setReason("RELEASE_LIMIT")
                        .setRetryAt(retryAt)
                        .build()));

        post("mallory", "k-9", "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .value(
                        "Retry-After",
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(590L, 600L))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:release-limit")
                .jsonPath("$.reason")
                .isEqualTo("RELEASE_LIMIT")
                .jsonPath("$.retryAt")
                .isEqualTo(retryAt.toString())
                .jsonPath("$.retryAfterSeconds")
                .value(seconds -> assertThat(((Number) seconds).longValue()).isBetween(590L, 600L))
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("gave up 3 held orders"));
    }

    @Test
    void aSeatTheBuyerGaveUpAMomentAgoIsAConflictNamingTheCooldownWithTheOthersSeatsOffered() {
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.REJECTED)
                        .setReason("RELEASE_COOLDOWN")
                        .setRetryAt(Instant.now().plusSeconds(100))
                        .setAlternatives(List.of(Alternative.newBuilder()
                                .setSectionId("A")
                                .setUnitIds(List.of("A-1-3"))
                                .setQuantity(1)
                                .setPriceMinor(9_900)
                                .build()))
                        .build()));

        post("mallory", "k-8", "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:release-cooldown")
                .jsonPath("$.alternatives[0].seatIds[0]")
                .isEqualTo("A-1-3");
    }

    @Test
    void aRefusalWithOnlyItsTypedReasonIsAnsweredAsOneWithBoth() {
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.REJECTED)
                        .setReasonCode(OrderReason.BUYER_LIMIT)
                        .build()));

        post("bob", "k-8", "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:buyer-limit")
                .jsonPath("$.reason")
                .isEqualTo("BUYER_LIMIT")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("per-buyer limit"));
    }

    @Test
    void aReasonAddedAfterThisEdgeWasBuiltIsAnsweredAsAPlainRefusal() {
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(decided(answer(OrderEventType.REJECTED)
                        .setReasonCode(OrderReason.UNKNOWN)
                        .setReason("A_NEWER_REASON")
                        .build()));

        post("bob", "k-9", "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("UNKNOWN")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("A_NEWER_REASON"));
    }

    @Test
    void anOrdinaryRefusalSaysNoRetryAfter() {
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(decided(
                        answer(OrderEventType.REJECTED).setReason("SEAT_TAKEN").build()));

        post("bob", "k-7", "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .doesNotExist("Retry-After")
                .expectBody()
                .jsonPath("$.retryAfterSeconds")
                .doesNotExist();
    }

    @Test
    void anUndecidedOrderIsAnswered202WithItsStatusUrlNeverAsARejection() {
        when(gateway.place(any(), any(), any(), any()))
                .thenReturn(Mono.just(new OrderGateway.Outcome("r-3", ORDER_ID, null)));

        post("carol", "k-3", "{\"seats\":[\"A-1-2\"]}")
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING")
                .jsonPath("$.orderId")
                .isEqualTo(ORDER_ID)
                .jsonPath("$.statusUrl")
                .isEqualTo("/api/orders/" + ORDER_ID);
    }

    // ---- refused before anything is produced

    @Test
    void malformedJsonIsRefusedWithAProblemAndNothingIsProduced() {
        post("alice", "k", "{\"seats\": [")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("The request could not be read"));
        verifyNothingPlaced();
    }

    @Test
    void aWrongTypeIsRefusedNamingTheFieldAndWhatItMustBeInJsonTermsNeverAJavaType() {
        refusedAsMalformed("{\"seats\": \"A-1-1\"}", "\"seats\" must be an array, not a string");
        refusedAsMalformed("[\"A-1-1\"]", "the body must be an object, not an array");
        verifyNothingPlaced();
    }

    @Test
    void anUnknownFieldIsRefusedNamingItAndTheKnownOnesNeverTheClass() {
        refusedAsMalformed(
                "{\"seats\": [\"A-1-1\"], \"priceMinor\": 1}",
                "unknown field \"priceMinor\"; the fields here are quantity, seats, sectionId");
        verifyNothingPlaced();
    }

    @Test
    void anEmptyBodyIsRefusedWithoutNamingTheControllerMethod() {
        http.post()
                .uri("/api/events/E1/orders")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The request could not be read: No request body");
        verifyNothingPlaced();
    }

    @Test
    void aQuantityThatIsNotAWholeJsonNumberIsRefusedNotRoundedOrParsed() {
        refusedAsMalformed(
                "{\"sectionId\":\"FLOOR\",\"quantity\":1.5}",
                "\"quantity\" must be a whole number, not a decimal number");
        refusedAsMalformed(
                "{\"sectionId\":\"FLOOR\",\"quantity\":\"2\"}", "\"quantity\" must be a whole number, not a string");
        verifyNothingPlaced();
    }

    @Test
    void aBodyThatIsNotJsonIs415WithAProblemTypeOfOurs() {
        http.post()
                .uri("/api/events/E1/orders")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("A-1-1")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unsupported-media-type");
        verifyNothingPlaced();
    }

    @Test
    void aPathWithAnEncodedSlashOrNewlineIsRefused400AsAProblem() {
        for (String id : List.of("E1%2F..%2FE2:" + ORDER_ID.substring(3), "E1%0Aalice:" + ORDER_ID.substring(3))) {
            http.delete()
                    .uri(java.net.URI.create("/api/orders/" + id))
                    .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:onsale:problem:rejected-request");
        }
        verify(gateway, never()).cancel(any(), any());
    }

    @Test
    void anEmptySeatListIsRefused() {
        post("alice", "k", "{\"seats\": []}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("\"seats\" must name at least one seat.");
        verifyNothingPlaced();
    }

    @Test
    void theSameSeatTwiceIsRefused() {
        post("alice", "k", "{\"seats\": [\"A-1-1\", \"A-1-1\"]}")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNothingPlaced();
    }

    @Test
    void moreSeatsThanThePerBuyerLimitAreRefused() {
        post("alice", "k", "{\"seats\": [\"A-1-1\", \"A-1-2\", \"A-1-3\", \"X\", \"Y\"]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-quantity");
        verifyNothingPlaced();
    }

    @Test
    void quantitiesOutsideOneToThePerBuyerLimitAreRefused() {
        post("alice", "k", "{\"sectionId\":\"FLOOR\",\"quantity\":0}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-quantity");
        post("alice", "k", "{\"sectionId\":\"FLOOR\",\"quantity\":5}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-quantity");
        verifyNothingPlaced();
    }

    @Test
    void seatsAndASectionTogetherOrNeitherAreRefused() {
        post("alice", "k", "{\"seats\":[\"A-1-1\"],\"sectionId\":\"A\",\"quantity\":1}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-order");
        post("alice", "k", "{}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-order");
        post("alice", "k", "{\"sectionId\":\"A\"}").expectStatus().isBadRequest();
        verifyNothingPlaced();
    }

    @Test
    void anUnknownSeatIsRefusedNamingTheSeat() {
        post("alice", "k", "{\"seats\": [\"A-1-1\", \"Z-9-9\"]}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.seatId")
                .isEqualTo("Z-9-9")
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-seat");
        verifyNothingPlaced();
    }

    @Test
    void anUnknownSectionIsRefusedNamingTheSection() {
        post("alice", "k", "{\"sectionId\":\"BALCONY\",\"quantity\":2}")
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.sectionId")
                .isEqualTo("BALCONY")
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-section");
        verifyNothingPlaced();
    }

    @Test
    void anUnknownEventIsNotFound() {
        http.post()
                .uri("/api/events/NOPE/orders")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("There is no event 'NOPE'.");
        verifyNothingPlaced();
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() {
        post("alice", "k", "{\"seat\": [\"A-1-1\"]}").expectStatus().isBadRequest();
        verifyNothingPlaced();
    }

    @Test
    void anOverlongIdempotencyKeyIsRefused() {
        post("alice", "k".repeat(129), "{\"seats\":[\"A-1-1\"]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-idempotency-key");
        verifyNothingPlaced();
    }

    @Test
    void anIdempotencyKeyWithASeparatorOfTheEdgesIdsIsRefusedBeforeAnythingIsProduced() {
        // The key becomes part of place:<eventId>:<buyerId>:<key> (and of pay:<orderId>:<key>: PaymentControllerTest).
        for (String key : List.of("k:1", "k|1", "k\t1")) {
            post("alice", key, "{\"seats\":[\"A-1-1\"]}")
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:onsale:problem:invalid-idempotency-key")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail).startsWith("The Idempotency-Key header contain"));
        }
        verifyNothingPlaced();
        assertThat(paymentSteps()).isEmpty();
    }

    @Test
    void noTokenIsUnauthorizedAndATamperedTokenToo() {
        http.post()
                .uri("/api/events/E1/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        String forged = TestTokens.token(
                "alice",
                List.of("BUYER"),
                "onsale-local",
                "onsale-api",
                "another-secret-of-at-least-thirty-two-bytes!!");
        http.post()
                .uri("/api/events/E1/orders")
                .headers(h -> h.setBearerAuth(forged))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        String otherAudience =
                TestTokens.token("alice", List.of("BUYER"), "onsale-local", "someone-else", TestTokens.SECRET);
        http.post()
                .uri("/api/events/E1/orders")
                .headers(h -> h.setBearerAuth(otherAudience))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        verifyNothingPlaced();
    }

    // ---- reading an order

    @Test
    void aBuyerReadsTheirOrderFromTheEnginesBooks() {
        when(queries.orders("E1", "alice"))
                .thenReturn(new Answer.Local<>(Optional.of(books("alice", OrderStatus.HELD))));

        get("alice", ORDER_ID)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.orderId")
                .isEqualTo(ORDER_ID)
                .jsonPath("$.status")
                .isEqualTo("HELD")
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].seatId")
                .isEqualTo("A-1-1")
                .jsonPath("$.expiresAt")
                .isEqualTo(HOLD_ENDS.toString())
                .jsonPath("$.total.amountMinor")
                .isEqualTo(9_900);
    }

    @Test
    void anOrderJustAnsweredByItsSectionIsReadOnceItsBooksHaveTakenItIn() {
        when(queries.orders("E1", "alice"))
                .thenReturn(
                        new Answer.Local<>(Optional.empty()),
                        new Answer.Local<>(Optional.empty()),
                        new Answer.Local<>(Optional.of(books("alice", OrderStatus.HELD))));

        get("alice", ORDER_ID)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("HELD");
        verify(queries, org.mockito.Mockito.times(3)).orders("E1", "alice");
    }

    @Test
    void anOrderItsBooksHaveNotTakenInYetIsReadFromItsLastAnswerAtOnce() {
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Local<>(Optional.empty()));
        when(queries.orders("E1", "mallory")).thenReturn(new Answer.Local<>(Optional.empty()));
        recentOrders.remember(held("A-1-1"));

        get("alice", ORDER_ID)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.orderId")
                .isEqualTo(ORDER_ID)
                .jsonPath("$.status")
                .isEqualTo("HELD")
                .jsonPath("$.items[0].seatId")
                .isEqualTo("A-1-1");
        get("mallory", ORDER_ID).expectStatus().isNotFound();
    }

    @Test
    void anotherBuyersOrderIsNotFoundBecauseTheirBooksAreNeverRead() {
        when(queries.orders("E1", "mallory")).thenReturn(new Answer.Local<>(Optional.empty()));

        get("mallory", ORDER_ID)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-order");
        verify(queries, never()).orders("E1", "alice");
    }

    @Test
    void anOrderIdTheEdgeNeverHandsOutIsNotFound() {
        get("alice", "not-an-order")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-order");
    }

    @Test
    void whileNobodyOwnsTheBuyersBooksTheReadIs503WithRetryAfter() {
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Unavailable<>("rebalancing"));

        get("alice", ORDER_ID)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aReadWhoseOwnerDoesNotAnswerIs503WithoutTheOwnersAddress() throws Exception {
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Remote<>(new HostInfo("127.0.0.1", closed)));

        var answer = get("alice", ORDER_ID)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult();
        assertThat(answer.getResponseBody())
                .contains("did not answer")
                .doesNotContain("127.0.0.1")
                .doesNotContain(String.valueOf(closed));
        assertThat(answer.getResponseHeaders().toString())
                .doesNotContain("127.0.0.1")
                .doesNotContain(String.valueOf(closed));
    }

    @Test
    void aReadAnsweredByAnotherInstanceIsRelayedWithoutThatInstancesAddress() throws Exception {
        com.sun.net.httpserver.HttpServer owner = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "{\"orderId\":\"relayed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        owner.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        owner.start();
        try {
            int port = owner.getAddress().getPort();
            when(queries.orders("E1", "alice")).thenReturn(new Answer.Remote<>(new HostInfo("127.0.0.1", port)));

            var answer = get("alice", ORDER_ID)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(QueryService.ANSWERED_BY_HEADER, "peer")
                    .expectBody(String.class)
                    .returnResult();
            assertThat(answer.getResponseBody()).isEqualTo("{\"orderId\":\"relayed\"}");
            assertThat(answer.getResponseHeaders().toString())
                    .doesNotContain("127.0.0.1")
                    .doesNotContain(":" + port);
        } finally {
            owner.stop(0);
        }
    }

    // ---- cancelling

    @Test
    void aCancelledOrderIsAnswered200() {
        givenHeldOrder(HOLD_ENDS);
        when(gateway.cancel(eq(new OrderRef("E1", ORDER_ID)), eq("alice")))
                .thenReturn(decided(answer(OrderEventType.CANCELLED).build()));

        delete("alice", ORDER_ID)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
    }

    @Test
    void cancellingAnOrderThatIsBeingPaidIsAConflict() {
        when(queries.orders("E1", "alice"))
                .thenReturn(new Answer.Local<>(Optional.of(books("alice", OrderStatus.CONFIRMING))));
        when(gateway.cancel(any(), any()))
                .thenReturn(decided(answer(OrderEventType.REJECTED)
                        .setReason("PAYMENT_IN_PROGRESS")
                        .build()));

        delete("alice", ORDER_ID)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("PAYMENT_IN_PROGRESS");
    }

    @Test
    void cancellingAnOrderJustToldHeldIsSentBeforeTheBooksHaveIt() {
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Local<>(Optional.empty()));
        recentOrders.remember(held("A-1-1"));
        when(gateway.cancel(eq(new OrderRef("E1", ORDER_ID)), eq("alice")))
                .thenReturn(decided(answer(OrderEventType.CANCELLED).build()));

        delete("alice", ORDER_ID)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");
    }

    @Test
    void cancellingSomeoneElsesOrderIsNotFoundAndProducesNothing() {
        when(queries.orders("E1", "mallory")).thenReturn(new Answer.Local<>(Optional.empty()));

        delete("mallory", ORDER_ID)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-order");
        verify(gateway, never()).cancel(any(), any());
        verify(queries, never()).orders("E1", "alice");
    }

    @Test
    void cancellingAnOrderOfAnEventThatDoesNotExistIsNotFoundAndProducesNothing() {
        String unknown = OrderIds.orderIdOf("NOPE", "place:NOPE:alice:k-1");
        when(queries.orders("NOPE", "alice")).thenReturn(new Answer.Local<>(Optional.empty()));

        delete("alice", unknown).expectStatus().isNotFound();
        verify(gateway, never()).cancel(any(), any());
    }

    @Test
    void cancellingAnOrderOfNoKnownEventOrOfNoOrderIdIsNotFoundAndProducesNothing() {
        String ofNoEvent = OrderIds.orderIdOf("NOPE", "place:NOPE:alice:k-1");

        for (String orderId : List.of(ofNoEvent, "not-an-order-id")) {
            delete("alice", orderId)
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:onsale:problem:unknown-order");
        }
        verify(gateway, never()).cancel(any(), any());
        verify(publisher, never()).publish(any(), any(), any());
    }

    // ---- retried after the purchase window

    @Test
    void aRetryAfterThePurchaseWindowGetsTheOrderPlacedWithinItAndPlacesNothing() {
        when(queries.orders("E1", "alice"))
                .thenReturn(new Answer.Local<>(Optional.of(books("alice", OrderStatus.HELD))));

        http.post()
                .uri("/api/events/E1/orders")
                .headers(asBuyer("alice", "k-1").andThen(h -> h.set(LAPSED, "yes")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sectionId\":\"A\",\"quantity\":1}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.orderId")
                .isEqualTo(ORDER_ID)
                .jsonPath("$.status")
                .isEqualTo("HELD");

        verify(gateway, never()).place(any(), any(), any(), any());
    }

    @Test
    void anOrderAfterThePurchaseWindowWithAKeyNeverUsedIsRefusedAndPlacesNothing() {
        when(queries.orders("E1", "alice"))
                .thenReturn(new Answer.Local<>(Optional.of(books("alice", OrderStatus.HELD))));

        http.post()
                .uri("/api/events/E1/orders")
                .headers(asBuyer("alice", "a-new-key").andThen(h -> h.set(LAPSED, "yes")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sectionId\":\"A\",\"quantity\":1}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("EXPIRED");

        verify(gateway, never()).place(any(), any(), any(), any());
    }

    // ---- helpers

    private WebTestClient.ResponseSpec post(String buyer, String key, String body) {
        return http.post()
                .uri("/api/events/E1/orders")
                .headers(asBuyer(buyer, key))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** A 400 malformed-request problem whose detail says {@code why}. */
    private void refusedAsMalformed(String body, String why) {
        post("alice", "k", body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:malformed-request")
                .jsonPath("$.detail")
                .isEqualTo("The request could not be read: " + why);
    }

    private WebTestClient.ResponseSpec get(String buyer, String orderId) {
        return http.get()
                .uri("/api/orders/{id}", orderId)
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .exchange();
    }

    private WebTestClient.ResponseSpec delete(String buyer, String orderId) {
        return http.delete()
                .uri("/api/orders/{id}", orderId)
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .exchange();
    }

    private OrderPlacement placementAsked() {
        ArgumentCaptor<OrderPlacement> placement = ArgumentCaptor.forClass(OrderPlacement.class);
        verify(gateway).place(eq("E1"), eq("alice"), eq("k-1"), placement.capture());
        return placement.getValue();
    }

    private void verifyNothingPlaced() {
        verify(gateway, never()).place(any(), any(), any(), any());
    }

    private static OrderEvent held(String... seats) {
        List<OrderItem> items = java.util.Arrays.stream(seats)
                .map(seat -> item("A", seat, 1, 9_900))
                .toList();
        return held().setItems(items).setTotalMinor(9_900L * seats.length).build();
    }

    private static OrderEvent.Builder held() {
        return answer(OrderEventType.HELD).setHoldExpiresAt(HOLD_ENDS);
    }
}
