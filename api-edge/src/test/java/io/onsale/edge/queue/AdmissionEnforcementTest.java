package io.onsale.edge.queue;

import static io.onsale.edge.queue.QueueTestData.KEY;
import static io.onsale.edge.queue.QueueTestData.passingThrough;
import static io.onsale.edge.queue.QueueTestData.queuing;
import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.EdgeHeaders;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.topics.Topics;
import io.onsale.queue.tokens.AdmissionToken;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.SigningKey;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueuePlaceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admission check in front of the order endpoint: while an event's room is active, an order goes on only with
 * the buyer's own admission token for that event within its window; anything else is refused with problem+json
 * and never reaches the order controller (so nothing is produced). An event whose room passes buyers through, or
 * that has none, needs no token.
 */
@WebFluxTest(controllers = AdmissionEnforcementTest.Orders.class)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({AdmissionEnforcementTest.Orders.class, ClockWiring.class})
class AdmissionEnforcementTest {

    private static final AdmissionTokens ADMISSIONS = new AdmissionTokens(KEY);
    private static final Instant NOW = Instant.now();
    private static final AtomicBoolean CAUGHT_UP = new AtomicBoolean(true);

    @Autowired
    WebTestClient http;

    @Autowired
    QueueProgressView view;

    @Autowired
    Orders orders;

    /** Stands in for the order controller: counts what reaches it. */
    @RestController
    static class Orders {
        final AtomicInteger placed = new AtomicInteger();
        final AtomicInteger lapsed = new AtomicInteger();

        @PostMapping("/api/events/{eventId}/orders")
        ResponseEntity<Map<String, Object>> place(@PathVariable String eventId, ServerWebExchange exchange) {
            placed.incrementAndGet();
            LapsedAdmission.of(exchange).ifPresent(refusal -> lapsed.incrementAndGet());
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "HELD", "eventId", eventId));
        }
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        QueueProgressView queueProgressView() {
            return new QueueProgressView(
                    null, Topics.from(Topics.Settings.defaults()), Duration.ofHours(2), Clock.systemUTC()) {
                @Override
                public void start() {
                    // fed by the tests, no broker
                }

                @Override
                boolean caughtUp() {
                    return CAUGHT_UP.get();
                }
            };
        }

        @Bean
        AdmissionFilter admissionFilter(QueueProgressView view, JsonMapper json) {
            return new AdmissionFilter(new AdmissionCheck(ADMISSIONS), view, json, Clock.systemUTC());
        }
    }

    @BeforeEach
    void oneEventQueuesAndOneLetsBuyersThrough() {
        orders.placed.set(0);
        orders.lapsed.set(0);
        CAUGHT_UP.set(true);
        view.accept(queuing("QUEUED", 100, 10).build());
        view.accept(passingThrough("OPEN"));
    }

    @Test
    void aValidTokenOfTheBuyerForTheEventLetsTheOrderThrough() {
        order("QUEUED", "alice", token("QUEUED", "alice", NOW.minusSeconds(60), NOW.plusSeconds(540)))
                .expectStatus()
                .isCreated();

        assertThat(orders.placed).hasValue(1);
    }

    @Test
    void withoutATokenTheOrderIsRefusedAndNeverReachesTheOrderEndpoint() {
        order("QUEUED", "alice", null)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:admission-required");

        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String forged = new AdmissionTokens(SigningKey.fromSecret("someone-elses-secret-that-is-long-enough-0123"))
                .mint(new AdmissionToken("QUEUED", "alice", 1, NOW.minusSeconds(60), NOW.plusSeconds(540)));

        order("QUEUED", "alice", forged)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("BAD_SIGNATURE");
        order("QUEUED", "alice", "garbage").expectStatus().isUnauthorized();
        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        order("QUEUED", "alice", token("QUEUED", "alice", NOW.minusSeconds(700), NOW.minusSeconds(100)))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("EXPIRED");
        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void aKeyedOrderWithTheBuyersOwnExpiredTokenGoesOnMarkedSoARetryCanBeAnsweredButNothingPlaced() {
        orderWithKey("QUEUED", "alice", token("QUEUED", "alice", NOW.minusSeconds(700), NOW.minusSeconds(100)), "k-1")
                .expectStatus()
                .isCreated();

        assertThat(orders.placed).hasValue(1);
        assertThat(orders.lapsed).hasValue(1);
    }

    @Test
    void aKeyedOrderWithAnExpiredTokenOfAnotherBuyerOrEventIsStillRefused() {
        orderWithKey("QUEUED", "mallory", token("QUEUED", "alice", NOW.minusSeconds(700), NOW.minusSeconds(100)), "k-1")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("WRONG_BUYER");
        orderWithKey("QUEUED", "alice", token("OTHER", "alice", NOW.minusSeconds(700), NOW.minusSeconds(100)), "k-1")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("WRONG_EVENT");
        orderWithKey("QUEUED", "alice", null, "k-1").expectStatus().isUnauthorized();

        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void aTokenOfAPlaceTheBuyerLeftStopsWorkingOnTheFullAndTheFastRoute() {
        String alices = token("QUEUED", "alice", NOW.minusSeconds(60), NOW.plusSeconds(540));
        String bobs =
                ADMISSIONS.mint(new AdmissionToken("QUEUED", "bob", 43, NOW.minusSeconds(60), NOW.plusSeconds(540)));
        AdmissionGate fastRoute = new AdmissionGate(new AdmissionCheck(ADMISSIONS), view, Clock.systemUTC());
        assertThat(fastRoute.admits("QUEUED", "alice", alices)).isTrue();

        // The room's answer to alice's leave, as every instance reads it from queue-events.
        QueueEvent left = QueueEvent.newBuilder()
                .setType(QueueEventType.LEFT)
                .setEventId("QUEUED")
                .setRequestId("leave-1")
                .setDecidedAt(NOW)
                .setBuyerId("alice")
                .setStatus(QueuePlaceStatus.LEFT)
                .setPosition(42L)
                .setAdmittedAt(NOW.minusSeconds(60))
                .setWindowEndsAt(NOW.plusSeconds(540))
                .build();
        Topics topics = Topics.from(Topics.Settings.defaults());
        view.accept(new ConsumerRecord<>(
                topics.queueEvents().name(),
                0,
                0L,
                "QUEUED",
                topics.queueEvents()
                        .valueSerde()
                        .serializer()
                        .serialize(topics.queueEvents().name(), left)));

        order("QUEUED", "alice", alices)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:admission-refused")
                .jsonPath("$.refusal")
                .isEqualTo("PLACE_GIVEN_UP");
        orderWithKey("QUEUED", "alice", alices, "k-2")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("PLACE_GIVEN_UP");
        assertThat(fastRoute.admits("QUEUED", "alice", alices))
                .as("the route served before WebFlux")
                .isFalse();
        assertThat(orders.placed).hasValue(0);

        order("QUEUED", "bob", bobs).expectStatus().isCreated();
        assertThat(orders.placed).hasValue(1);
    }

    @Test
    void anotherBuyersTokenIsForbidden() {
        order("QUEUED", "mallory", token("QUEUED", "alice", NOW.minusSeconds(60), NOW.plusSeconds(540)))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("WRONG_BUYER");
        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void aTokenForAnotherEventIsForbidden() {
        order("QUEUED", "alice", token("OTHER", "alice", NOW.minusSeconds(60), NOW.plusSeconds(540)))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.refusal")
                .isEqualTo("WRONG_EVENT");
        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void anEventThatLetsBuyersThroughOrHasNoRoomNeedsNoToken() {
        order("OPEN", "alice", null).expectStatus().isCreated();
        order("NO-ROOM", "alice", null).expectStatus().isCreated();

        assertThat(orders.placed).hasValue(2);
    }

    @Test
    void untilTheProgressIsReadOrdersWaitRatherThanSlipPastAnActiveRoom() {
        CAUGHT_UP.set(false);

        order("NO-ROOM", "alice", null)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(orders.placed).hasValue(0);
    }

    @Test
    void anUnauthenticatedOrderIsRefusedBySecurityFirst() {
        http.post()
                .uri("/api/events/QUEUED/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(orders.placed).hasValue(0);
    }

    private WebTestClient.ResponseSpec order(String eventId, String buyer, String admissionToken) {
        return http.post()
                .uri("/api/events/{id}/orders", eventId)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    if (admissionToken != null) {
                        headers.set(EdgeHeaders.ADMISSION_TOKEN, admissionToken);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sectionId", "FLOOR", "quantity", 1))
                .exchange();
    }

    private WebTestClient.ResponseSpec orderWithKey(String eventId, String buyer, String admissionToken, String key) {
        return http.post()
                .uri("/api/events/{id}/orders", eventId)
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.buyer(buyer));
                    headers.set("Idempotency-Key", key);
                    if (admissionToken != null) {
                        headers.set(EdgeHeaders.ADMISSION_TOKEN, admissionToken);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sectionId", "FLOOR", "quantity", 1))
                .exchange();
    }

    private static String token(String eventId, String buyer, Instant issuedAt, Instant expiresAt) {
        return ADMISSIONS.mint(new AdmissionToken(eventId, buyer, 42, issuedAt, expiresAt));
    }
}
