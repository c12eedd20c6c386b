package io.onsale.edge.buyer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.reservation.RejectReason;
import io.onsale.schema.reservation.ReservationEvent;
import io.onsale.schema.reservation.ReservationEventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** The order endpoint's contract, with the engine replaced: what is refused before anything is produced. */
@WebFluxTest(controllers = OrderController.class)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
class OrderControllerTest {

    private static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    WebTestClient http;

    @MockitoBean
    EventCatalog catalog;

    @MockitoBean
    SeatHolds holds;

    @BeforeEach
    void anEventWithTwoSeats() {
        Section section = Section.newBuilder().setSectionId("A").setName("A").setKind(SectionKind.RESERVED).setPriceTier("T1")
                .setPriceMinor(9_900).setZones(List.of())
                .setSeats(List.of(seat("A-1-1", 1), seat("A-1-2", 2))).build();
        EventConfig config = EventConfig.newBuilder().setEventId("E1").setName("n").setVenue("v").setSaleOpensAt(SALE_OPEN)
                .setSections(List.of(section)).setQueuePolicy(QueuePolicy.newBuilder().build()).build();
        when(catalog.index("E1")).thenReturn(Optional.of(new EventIndex(config)));
        when(catalog.index("NOPE")).thenReturn(Optional.empty());
    }

    @Test
    void aHeldSeatIsAnswered201WithTheOrder() {
        when(holds.hold(eq("E1"), any(), eq(1), eq("alice"), eq("k-1"))).thenReturn(Mono.just(new SeatHolds.Outcome("r-1",
                decision(ReservationEventType.HELD, null))));

        post("alice", "k-1", "{\"seats\":[\"A-1-1\"]}").expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("HELD")
                .jsonPath("$.items[0].seatId").isEqualTo("A-1-1")
                .jsonPath("$.total.amountMinor").isEqualTo(9_900);
    }

    @Test
    void aLostRaceIsAnswered409ProblemWithTheReason() {
        when(holds.hold(eq("E1"), any(), eq(1), eq("bob"), anyString())).thenReturn(Mono.just(new SeatHolds.Outcome("r-2",
                decision(ReservationEventType.REJECTED, RejectReason.SEAT_TAKEN))));

        post("bob", "k-2", "{\"seats\":[\"A-1-1\"]}").expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("SEAT_TAKEN")
                .jsonPath("$.alternatives").isArray();
    }

    @Test
    void anUndecidedHoldIsAnswered202NeverAsARejection() {
        when(holds.hold(any(), any(), anyInt(), any(), any())).thenReturn(Mono.just(new SeatHolds.Outcome("r-3", null)));

        post("carol", "k-3", "{\"seats\":[\"A-1-2\"]}").expectStatus().isAccepted()
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.status").isEqualTo("PENDING");
    }

    @Test
    void malformedJsonIsRefusedWithAProblemAndNothingIsProduced() {
        post("alice", "k", "{\"seats\": [").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .startsWith("The request could not be read"));
        verifyNothingHeld();
    }

    @Test
    void aWrongTypeIsRefusedNamingWhatWasExpected() {
        post("alice", "k", "{\"seats\": \"A-1-1\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains("ArrayList"));
        verifyNothingHeld();
    }

    @Test
    void anEmptySeatListIsRefused() {
        post("alice", "k", "{\"seats\": []}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("\"seats\" must name at least one seat.");
        verifyNothingHeld();
    }

    @Test
    void anUnknownSeatIsRefusedNamingTheSeat() {
        post("alice", "k", "{\"seats\": [\"Z-9-9\"]}").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.seatId").isEqualTo("Z-9-9")
                .jsonPath("$.type").isEqualTo("urn:onsale:problem:unknown-seat");
        verifyNothingHeld();
    }

    @Test
    void anUnknownEventIsNotFound() {
        http.post().uri("/api/events/NOPE/orders").headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("There is no event 'NOPE'.");
        verifyNothingHeld();
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() {
        post("alice", "k", "{\"seat\": [\"A-1-1\"]}").expectStatus().isBadRequest();
        verifyNothingHeld();
    }

    @Test
    void noTokenIsUnauthorizedAndATamperedTokenToo() {
        http.post().uri("/api/events/E1/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        String forged = TestTokens.token("alice", List.of("BUYER"), "onsale-local", "onsale-api",
                "another-secret-of-at-least-thirty-two-bytes!!");
        http.post().uri("/api/events/E1/orders").headers(h -> h.setBearerAuth(forged))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange().expectStatus().isUnauthorized();
        String otherAudience = TestTokens.token("alice", List.of("BUYER"), "onsale-local", "someone-else", TestTokens.SECRET);
        http.post().uri("/api/events/E1/orders").headers(h -> h.setBearerAuth(otherAudience))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"seats\":[\"A-1-1\"]}")
                .exchange().expectStatus().isUnauthorized();
        verifyNothingHeld();
    }

    private WebTestClient.ResponseSpec post(String buyer, String key, String body) {
        return http.post().uri("/api/events/E1/orders")
                .headers(h -> {
                    h.setBearerAuth(TestTokens.buyer(buyer));
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private void verifyNothingHeld() {
        verify(holds, never()).hold(any(), any(), anyInt(), any(), any());
    }

    private static Seat seat(String id, int number) {
        return Seat.newBuilder().setSeatId(id).setRow("1").setNumber(number).build();
    }

    private static ReservationEvent decision(ReservationEventType type, RejectReason reason) {
        return ReservationEvent.newBuilder().setRequestId("r").setType(type).setEventId("E1").setSectionId("A")
                .setUnitId("A-1-1").setDecidedAt(SALE_OPEN).setHoldId("h").setOrderId("o-1").setBuyerId("alice")
                .setQuantity(1).setHoldExpiresAt(type == ReservationEventType.HELD ? SALE_OPEN.plusSeconds(600) : null)
                .setReason(reason).setPriceMinor(9_900).build();
    }
}
