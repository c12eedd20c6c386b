package io.onsale.edge.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.DemoEvents;
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
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Invalid configs are refused with every problem listed, and never reach event-config; inventory changes apply to the
 * config in force, at the version the organizer saw.
 */
@WebFluxTest(controllers = EventAdminController.class)
@EnableConfigurationProperties({JwtSettings.class, KafkaSettings.class})
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({QueryService.class, io.onsale.edge.platform.StoreReads.class, ClockWiring.class})
class EventAdminControllerTest {

    @TestConfiguration
    static class CatalogueOfTopics {
        @Bean
        Topics topics() {
            return Topics.from(Topics.Settings.defaults());
        }
    }

    @Autowired
    WebTestClient http;

    @MockitoBean
    CommandPublisher publisher;

    @MockitoBean
    EventCatalog catalog;

    @MockitoBean
    ReservationsStreams streams;

    @MockitoBean
    ReservationQueries queries;

    /** The config in force, as the catalogue has it: what was produced last. */
    private final AtomicReference<EventConfig> inForce = new AtomicReference<>();

    @BeforeEach
    void anEventInForce() {
        inForce.set(EventConfig.newBuilder()
                .setEventId("E9")
                .setName("n")
                .setVenue("v")
                .setSaleOpensAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setPerBuyerLimit(4)
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .setSections(List.of(
                        Section.newBuilder()
                                .setSectionId("A")
                                .setName("A")
                                .setKind(SectionKind.RESERVED)
                                .setPriceTier("T1")
                                .setPriceMinor(9_900)
                                .setZones(List.of())
                                .setSeats(List.of(
                                        Seat.newBuilder()
                                                .setSeatId("A-1-1")
                                                .setRow("1")
                                                .setNumber(1)
                                                .build(),
                                        Seat.newBuilder()
                                                .setSeatId("A-1-2")
                                                .setRow("1")
                                                .setNumber(2)
                                                .build()))
                                .build(),
                        Section.newBuilder()
                                .setSectionId("FLOOR")
                                .setName("Floor")
                                .setKind(SectionKind.GENERAL_ADMISSION)
                                .setPriceTier("GA")
                                .setPriceMinor(4_500)
                                .setSeats(List.of())
                                .setZones(List.of(Zone.newBuilder()
                                        .setZoneId("FLOOR-1")
                                        .setCapacity(100)
                                        .build()))
                                .build()))
                .setOwner("org-1")
                .build());
        when(catalog.find("E9")).thenAnswer(call -> Optional.of(inForce.get()));
        when(catalog.find("NOPE")).thenReturn(Optional.empty());
        when(publisher.publish(any(), eq("E9"), any())).thenAnswer(call -> {
            inForce.set(call.getArgument(2));
            return Mono.empty();
        });
        when(streams.queries()).thenReturn(queries);
        when(queries.summaries("E9"))
                .thenReturn(new Answer.Local<>(List.of(SectionSummary.newBuilder()
                        .setEventId("E9")
                        .setSectionId("FLOOR")
                        .setKind(UnitKind.ZONE)
                        .setPriceTier("GA")
                        .setPriceMinor(4_500)
                        .setCapacity(100)
                        .setAvailable(30)
                        .setHeld(40)
                        .setSold(30)
                        .setUpdatedAt(Instant.now())
                        .build())));
    }

    @Test
    void anInventoryChangeIsAppliedToTheConfigInForceAndAnsweredWithItsNewVersion() {
        String before = ConfigVersion.of(inForce.get());

        String after = patch("E9", before, Map.of("kill", List.of("A-1-2"), "capacity", Map.of("FLOOR-1", 120)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("READY")
                .jsonPath("$.killed[0]")
                .isEqualTo("A-1-2")
                .jsonPath("$.capacity.FLOOR-1")
                .isEqualTo(120)
                .returnResult()
                .getResponseHeaders()
                .getETag();

        assertThat(inForce.get().getSections().get(0).getSeats().get(1).getKilled())
                .isTrue();
        assertThat(inForce.get().getSections().get(1).getZones().get(0).getCapacity())
                .isEqualTo(120);
        assertThat(after).isEqualTo(ConfigVersion.of(inForce.get())).isNotEqualTo(before);

        // Decided on the old version: refused, so the first change is not overwritten.
        patch("E9", before, Map.of("restore", List.of("A-1-2")))
                .expectStatus()
                .isEqualTo(412)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.currentVersion")
                .isEqualTo(after);
        assertThat(inForce.get().getSections().get(0).getSeats().get(1).getKilled())
                .isTrue();
    }

    @Test
    void aZoneCannotShrinkBelowWhatIsHeldAndSold() {
        patch("E9", null, Map.of("capacity", Map.of("FLOOR-1", 69)))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("CAPACITY_BELOW_TAKEN")
                .jsonPath("$.taken")
                .isEqualTo(70);
        patch("E9", null, Map.of("capacity", Map.of("FLOOR-1", 70)))
                .expectStatus()
                .isOk();
    }

    @Test
    void unknownUnitsAndEmptyChangesAreRefusedAndNothingIsProduced() {
        patch("E9", null, Map.of("kill", List.of("Z-1-1"), "capacity", Map.of("A-1-1", 3)))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'kill[0]')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'capacity.A-1-1')]")
                .exists();
        patch("E9", null, Map.of())
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:empty-inventory-change");
        patch("NOPE", null, Map.of("kill", List.of("A-1-1"))).expectStatus().isNotFound();
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void onlyOrganizersChangeInventory() {
        http.patch()
                .uri("/api/admin/events/E9/inventory")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("mallory")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kill", List.of("A-1-1")))
                .exchange()
                .expectStatus()
                .isForbidden();
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aNewEventBelongsToTheOrganizerWhoConfiguredIt() {
        AtomicReference<EventConfig> produced = new AtomicReference<>();
        when(catalog.find("E10")).thenAnswer(call -> Optional.ofNullable(produced.get()));
        when(publisher.publish(any(), eq("E10"), any())).thenAnswer(call -> {
            produced.set(call.getArgument(2));
            return Mono.empty();
        });

        http.put()
                .uri("/api/admin/events/E10")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-2")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DemoEvents.onSaleWithSeats(3))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(produced.get().getOwner()).isEqualTo("org-2");
    }

    @Test
    void anotherOrganizerCannotTakeOverOrChangeAnEventButAnAdminCan() {
        String mallory = TestTokens.organizer("org-mallory");
        put(mallory, DemoEvents.onSaleWithSeats(3))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:not-event-owner");
        http.patch()
                .uri("/api/admin/events/E9/inventory")
                .headers(h -> h.setBearerAuth(mallory))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kill", List.of("A-1-1")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verify(publisher, never()).publish(any(), any(), any());

        // An administrator acts on any event, and the event stays its organizer's.
        String admin = TestTokens.token("root", List.of("ADMIN"), "onsale-local", "onsale-api", TestTokens.SECRET);
        http.patch()
                .uri("/api/admin/events/E9/inventory")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kill", List.of("A-1-1")))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(inForce.get().getOwner()).isEqualTo("org-1");
        put(admin, DemoEvents.onSaleWithSeats(3))
                .expectStatus()
                .value(status -> assertThat(status).isIn(200, 202));
        assertThat(inForce.get().getOwner()).isEqualTo("org-1");
    }

    @Test
    void anEventWithoutAnOwnerIsChangedByAnAdminOnly() {
        inForce.set(EventConfig.newBuilder(inForce.get()).setOwner(null).build());

        put(TestTokens.organizer("org-1"), DemoEvents.onSaleWithSeats(3))
                .expectStatus()
                .isForbidden();
        patch("E9", null, Map.of("kill", List.of("A-1-1"))).expectStatus().isForbidden();
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void anInvalidConfigIsRefusedWithEveryProblemAndNothingIsProduced() {
        Map<String, Object> config = new java.util.HashMap<>(DemoEvents.onSaleWithSeats(3));
        config.put("holdWindowMinutes", 45);
        config.put("currency", "euro");

        put(TestTokens.organizer("org-1"), config)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'holdWindowMinutes')].message")
                .isEqualTo("must be between 1 and 30, got 45")
                .jsonPath("$.errors[?(@.field == 'currency')]")
                .exists();
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        Map<String, Object> config = new java.util.HashMap<>(DemoEvents.onSaleWithSeats(3));
        config.remove("saleOpensAt");

        put(TestTokens.organizer("org-1"), config)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("saleOpensAt");
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aBuyerCannotConfigureEvents() {
        put(TestTokens.buyer("mallory"), DemoEvents.onSaleWithSeats(3))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verify(publisher, never()).publish(any(), any(), any());
    }

    private WebTestClient.ResponseSpec patch(String eventId, String ifMatch, Map<String, Object> change) {
        return http.patch()
                .uri("/api/admin/events/{id}/inventory", eventId)
                .headers(h -> {
                    h.setBearerAuth(TestTokens.organizer("org-1"));
                    if (ifMatch != null) {
                        h.setIfMatch(ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(change)
                .exchange();
    }

    private WebTestClient.ResponseSpec put(String token, Map<String, Object> config) {
        return http.put()
                .uri("/api/admin/events/E9")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(config)
                .exchange();
    }
}
