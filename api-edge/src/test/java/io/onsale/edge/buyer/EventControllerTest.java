package io.onsale.edge.buyer;

import static org.mockito.Mockito.when;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The event page and the seat map: live counts from the engine's committed state, and every refusal a problem. */
@WebFluxTest(controllers = EventController.class)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({
    QueryService.class,
    io.onsale.edge.platform.StoreReads.class,
    SeatMaps.class,
    EventPages.class,
    ClockWiring.class
})
class EventControllerTest {

    @Autowired
    WebTestClient http;

    @MockitoBean
    EventCatalog catalog;

    @MockitoBean
    ReservationsStreams streams;

    @MockitoBean
    ReservationQueries queries;

    @BeforeEach
    void anEventWithASeatedSectionAndAFloor() {
        Section seated = Section.newBuilder()
                .setSectionId("A")
                .setName("Stalls A")
                .setKind(SectionKind.RESERVED)
                .setPriceTier("T1")
                .setPriceMinor(9_900)
                .setZones(List.of())
                .setSeats(List.of(seat("A-1-1", 1), seat("A-1-2", 2), seat("A-1-3", 3), seat("A-1-4", 4)))
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
        EventConfig config = EventConfig.newBuilder()
                .setEventId("E1")
                .setName("Night at the Arena")
                .setVenue("Arena")
                .setSaleOpensAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setPerBuyerLimit(4)
                .setSections(List.of(seated, floor))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
        when(catalog.index("E1")).thenReturn(Optional.of(new EventIndex(config)));
        when(catalog.index("NOPE")).thenReturn(Optional.empty());
        when(streams.queries()).thenReturn(queries);
    }

    @Test
    void theEventShowsEachSectionWithItsPriceAndLiveAvailability() {
        when(queries.summaries("E1"))
                .thenReturn(new Answer.Local<>(List.of(
                        summary("A", UnitKind.SEAT, 4, 1, 2, 1), summary("FLOOR", UnitKind.ZONE, 100, 90, 6, 4))));

        http.get()
                .uri("/api/events/E1")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Night at the Arena")
                .jsonPath("$.sections[?(@.sectionId == 'A')].priceMinor")
                .isEqualTo(9_900)
                // The page names a section's size; its seats are the seat map (a venue's worth of JSON per buyer,
                // else).
                .jsonPath("$.sections[?(@.sectionId == 'A')].seatCount")
                .isEqualTo(4)
                .jsonPath("$.sections[0].seats")
                .doesNotExist()
                .jsonPath("$.sections[?(@.sectionId == 'A')].availability.held")
                .isEqualTo(2)
                .jsonPath("$.sections[?(@.sectionId == 'FLOOR')].availability.available")
                .isEqualTo(90)
                .jsonPath("$.sections[?(@.sectionId == 'FLOOR')].availability.sold")
                .isEqualTo(4);
    }

    @Test
    void anUnknownEventIsANotFoundProblem() {
        http.get()
                .uri("/api/events/NOPE")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-event");
    }

    @Test
    void whileTheStateIsNotQueryableTheAnswerIs503WithRetryAfterNeverStaleCounts() {
        when(queries.summaries("E1")).thenReturn(new Answer.Unavailable<>("the reservation state is REBALANCING"));
        when(queries.section("E1", "A")).thenReturn(new Answer.Unavailable<>("the reservation state is REBALANCING"));

        http.get()
                .uri("/api/events/E1")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/events/E1/sections/A/seats")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After");
    }

    @Test
    void theSeatMapShowsEverySeatAvailableHeldSoldOrOffSale() {
        when(queries.section("E1", "A"))
                .thenReturn(new Answer.Local<>(List.of(
                        unit("A-1-1", 0, 0, false),
                        unit("A-1-2", 1, 0, false),
                        unit("A-1-3", 0, 1, false),
                        unit("A-1-4", 0, 0, true))));

        http.get()
                .uri("/api/events/E1/sections/A/seats")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-1")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.seats[?(@.seatId == 'A-1-1')].status")
                .isEqualTo("AVAILABLE")
                .jsonPath("$.seats[?(@.seatId == 'A-1-2')].status")
                .isEqualTo("HELD")
                .jsonPath("$.seats[?(@.seatId == 'A-1-3')].status")
                .isEqualTo("SOLD")
                .jsonPath("$.seats[?(@.seatId == 'A-1-4')].status")
                .isEqualTo("UNAVAILABLE")
                .jsonPath("$.seats[0].row")
                .isEqualTo("1");
    }

    @Test
    void aSeatMapOfAnUnknownOrStandingSectionIsAProblem() {
        http.get()
                .uri("/api/events/E1/sections/Z/seats")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-section");
        http.get()
                .uri("/api/events/E1/sections/FLOOR/seats")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:not-a-seated-section");
    }

    @Test
    void withoutATokenNothingIsRead() {
        http.get()
                .uri("/api/events/E1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static Seat seat(String id, int number) {
        return Seat.newBuilder().setSeatId(id).setRow("1").setNumber(number).build();
    }

    private static SectionSummary summary(
            String section, UnitKind kind, int capacity, int available, int held, int sold) {
        return SectionSummary.newBuilder()
                .setEventId("E1")
                .setSectionId(section)
                .setKind(kind)
                .setPriceTier("T")
                .setPriceMinor(1)
                .setCapacity(capacity)
                .setAvailable(available)
                .setHeld(held)
                .setSold(sold)
                .setUpdatedAt(Instant.now())
                .build();
    }

    private static UnitAvailability unit(String seat, int held, int sold, boolean killed) {
        return UnitAvailability.newBuilder()
                .setUnitId(seat)
                .setKind(UnitKind.SEAT)
                .setCapacity(1)
                .setHeld(held)
                .setSold(sold)
                .setKilled(killed)
                .build();
    }
}
