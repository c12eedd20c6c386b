package io.onsale.edge.queue;

import static io.onsale.edge.queue.QueueTestData.IN_NINE_MINUTES;
import static io.onsale.edge.queue.QueueTestData.KEY;
import static io.onsale.edge.queue.QueueTestData.NOW;
import static io.onsale.edge.queue.QueueTestData.ONE_MINUTE_AGO;
import static io.onsale.edge.queue.QueueTestData.batch;
import static io.onsale.edge.queue.QueueTestData.queuing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.topics.Topics;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.queue.tokens.QueueTickets;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueuePlaceStatus;
import io.onsale.schema.queue.QueueReason;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The queue endpoints with the room replaced: what a join's committed answer becomes, how a ticket is refused
 * (tampered, another buyer's, another event's), how the progress view maps to a status, and how many status streams
 * a buyer and the instance may hold open.
 */
@WebFluxTest(
        controllers = QueueController.class,
        properties = {
            "onsale.queue.signing-secret=" + QueueTestData.SECRET,
            "onsale.queue.poll-interval=2s",
            "onsale.queue.heartbeat=1s",
            "onsale.queue.admission-history=2h",
            "onsale.queue.status-streams.per-buyer=2",
            "onsale.queue.status-streams.per-instance=3"
        })
@EnableConfigurationProperties({JwtSettings.class, QueueSettings.class})
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import(ClockWiring.class)
class QueueControllerTest {

    private static final QueueTickets TICKETS = new QueueTickets(KEY);
    private static final AdmissionTokens ADMISSIONS = new AdmissionTokens(KEY);
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @Autowired
    WebTestClient http;

    @Autowired
    QueueProgressView view;

    @MockitoBean
    EventCatalog catalog;

    @MockitoBean
    QueueGateway gateway;

    @TestConfiguration
    static class Wiring {
        private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

        @Bean
        QueueProgressView queueProgressView() {
            return new QueueProgressView(null, Topics.from(Topics.Settings.defaults()), Duration.ofHours(2), CLOCK) {
                @Override
                public void start() {
                    // fed by the tests, no broker
                }

                @Override
                public boolean isRunning() {
                    return true;
                }

                @Override
                boolean caughtUp() {
                    return true;
                }
            };
        }

        @Bean
        QueueStatusReader queueStatusReader(QueueProgressView view) {
            return new QueueStatusReader(
                    TICKETS,
                    ADMISSIONS,
                    view,
                    new EtaAccuracy(1_000, Duration.ofHours(1)),
                    CLOCK,
                    Duration.ofSeconds(2));
        }

        @Bean
        StatusStreams statusStreams(QueueSettings settings) {
            return new StatusStreams(settings.statusStreams(), settings.pollInterval(), METERS);
        }

        @Bean
        JoinAnswers joinAnswers() {
            return new JoinAnswers(TICKETS, ADMISSIONS, CLOCK, Duration.ofSeconds(2));
        }
    }

    @BeforeEach
    void anEventWithARoom() {
        EventConfig config = EventConfig.newBuilder()
                .setEventId("E1")
                .setName("n")
                .setVenue("v")
                .setSaleOpensAt(NOW)
                .setPerBuyerLimit(4)
                .setSections(List.of())
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
        when(catalog.index("E1")).thenReturn(Optional.of(new EventIndex(config)));
        when(catalog.index("NOPE")).thenReturn(Optional.empty());
        view.accept(queuing("E1", 100, 10).build());
    }

    // ---- join ----------------------------------------------------------------------------------------------

    @Test
    void aFirstJoinIsCreatedWithASignedTicketForThatPlace() {
        when(gateway.join("E1", "alice"))
                .thenReturn(Mono.just(Optional.of(joined("alice", 601, false, QueuePlaceStatus.WAITING))));

        Map<String, Object> body = join("alice")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(body)
                .containsEntry("state", "WAITING")
                .containsEntry("position", 601)
                .containsEntry("pollAfterSeconds", 2);
        assertThat(TICKETS.verify((String) body.get("ticket"), "E1", "alice").value())
                .isEqualTo(QueueTicket.position("E1", "alice", 601));
    }

    @Test
    void aRepeatedJoinIsTheSamePlaceAnsweredOk() {
        when(gateway.join("E1", "alice"))
                .thenReturn(Mono.just(Optional.of(joined("alice", 601, true, QueuePlaceStatus.WAITING))));

        join("alice").expectStatus().isOk().expectBody().jsonPath("$.position").isEqualTo(601);
    }

    @Test
    void aBuyerPassedStraightThroughGetsTheAdmissionTokenWithTheTicket() {
        QueueEvent answer = joined("alice", 7, false, QueuePlaceStatus.ADMITTED);
        answer.setAdmittedAt(NOW);
        answer.setWindowEndsAt(IN_NINE_MINUTES);
        when(gateway.join("E1", "alice")).thenReturn(Mono.just(Optional.of(answer)));

        Map<String, Object> body = join("alice")
                .expectStatus()
                .isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("state", "ADMITTED");
        assertThat(ADMISSIONS
                        .verify((String) body.get("admissionToken"), "E1", "alice", NOW)
                        .isAccepted())
                .isTrue();
    }

    @Test
    void aJoinNotAnsweredInTimeIsAcceptedNotGuessed() {
        when(gateway.join("E1", "alice")).thenReturn(Mono.just(Optional.empty()));

        join("alice").expectStatus().isAccepted().expectHeader().valueEquals("Retry-After", "1");
    }

    @Test
    void aJoinForAnUnknownEventIsRefusedBeforeAnythingIsProduced() {
        http.post()
                .uri("/api/events/NOPE/queue")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        verify(gateway, never()).join(any(), any());
    }

    @Test
    void anOrganizerCannotJoin() {
        http.post()
                .uri("/api/events/E1/queue")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org")))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    // ---- leave ---------------------------------------------------------------------------------------------

    @Test
    void aBuyerLeavesWithTheirOwnTicketAndGetsThePlaceAsItEnded() {
        QueueEvent left = QueueEvent.newBuilder()
                .setRequestId("leave:E1:alice")
                .setType(QueueEventType.LEFT)
                .setEventId("E1")
                .setDecidedAt(NOW)
                .setServingCounter(100)
                .setBuyerId("alice")
                .setStatus(QueuePlaceStatus.LEFT)
                .setPosition(601L)
                .build();
        when(gateway.leave("E1", "alice")).thenReturn(Mono.just(Optional.of(left)));

        leave("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 601)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("LEFT")
                .jsonPath("$.position")
                .isEqualTo(601);
    }

    @Test
    void leavingAPlaceThatEndedIsAConflictAndAnotherBuyersTicketLeavesNothing() {
        QueueEvent refused = QueueEvent.newBuilder()
                .setRequestId("leave:E1:alice")
                .setType(QueueEventType.REJECTED)
                .setEventId("E1")
                .setDecidedAt(NOW)
                .setServingCounter(100)
                .setBuyerId("alice")
                .setReason("NOT_IN_QUEUE")
                .build();
        when(gateway.leave("E1", "alice")).thenReturn(Mono.just(Optional.of(refused)));
        String ticket = TICKETS.sign(QueueTicket.position("E1", "alice", 601));

        leave("alice", ticket)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("NOT_IN_QUEUE");
        leave("mallory", ticket).expectStatus().isForbidden();
        verify(gateway, never()).leave("E1", "mallory");
    }

    @Test
    void joiningAgainAfterLeavingIsAConflictThatSaysWhy() {
        QueueEvent refused = QueueEvent.newBuilder()
                .setRequestId("join:E1:alice")
                .setType(QueueEventType.REJECTED)
                .setEventId("E1")
                .setDecidedAt(NOW)
                .setServingCounter(100)
                .setBuyerId("alice")
                .setReason("LEFT_QUEUE")
                .build();
        when(gateway.join("E1", "alice")).thenReturn(Mono.just(Optional.of(refused)));

        join("alice")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("LEFT_QUEUE")
                .jsonPath("$.detail")
                .isEqualTo("You left this event's waiting room: a place given up is not given again.");
    }

    @Test
    void aJoinRefusedWithOnlyItsTypedReasonSaysWhy() {
        when(gateway.join("E1", "alice"))
                .thenReturn(Mono.just(Optional.of(
                        refusal("alice").setReasonCode(QueueReason.LEFT_QUEUE).build())));

        join("alice")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:queue-join-refused")
                .jsonPath("$.reason")
                .isEqualTo("LEFT_QUEUE")
                .jsonPath("$.detail")
                .isEqualTo("You left this event's waiting room: a place given up is not given again.");
    }

    @Test
    void aJoinTheRoomRefusesForAnEventItDoesNotKnowIsNotFound() {
        when(gateway.join("E1", "alice"))
                .thenReturn(Mono.just(Optional.of(refusal("alice")
                        .setReason("UNKNOWN_EVENT")
                        .setReasonCode(QueueReason.UNKNOWN_EVENT)
                        .build())));

        join("alice")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:unknown-event")
                .jsonPath("$.reason")
                .isEqualTo("UNKNOWN_EVENT");
    }

    @Test
    void aReasonAddedAfterThisEdgeWasBuiltIsAnsweredAsAPlainRefusalNamingIt() {
        // What Avro hands this edge for a symbol it does not know: the enum's default, beside the room's string.
        when(gateway.join("E1", "alice"))
                .thenReturn(Mono.just(Optional.of(refusal("alice")
                        .setReason("A_NEWER_REASON")
                        .setReasonCode(QueueReason.UNKNOWN)
                        .build())));
        when(gateway.leave("E1", "alice"))
                .thenReturn(Mono.just(
                        Optional.of(refusal("alice").setReason("A_NEWER_REASON").build())));

        join("alice")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:queue-join-refused")
                .jsonPath("$.reason")
                .isEqualTo("UNKNOWN")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("A_NEWER_REASON"));
        leave("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 601)))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:queue-leave-refused")
                .jsonPath("$.reason")
                .isEqualTo("UNKNOWN")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("A_NEWER_REASON"));
    }

    @Test
    void aLeaveNotAnsweredInTimeIsAccepted() {
        when(gateway.leave("E1", "alice")).thenReturn(Mono.just(Optional.empty()));

        leave("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 601)))
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("Retry-After", "1");
    }

    // ---- status --------------------------------------------------------------------------------------------

    @Test
    void aTamperedTicketIsUnauthorized() {
        String ticket = TICKETS.sign(QueueTicket.position("E1", "alice", 601));
        String tampered =
                TICKETS.sign(QueueTicket.position("E1", "alice", 2)).split("\\.")[0] + "." + ticket.split("\\.")[1];

        status("alice", tampered)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:invalid-queue-ticket")
                .jsonPath("$.refusal")
                .isEqualTo("BAD_SIGNATURE");
        status("alice", "not-a-ticket").expectStatus().isUnauthorized();
    }

    @Test
    void anotherBuyersTicketIsForbidden() {
        status("mallory", TICKETS.sign(QueueTicket.position("E1", "alice", 601)))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aTicketOfAnotherEventIsNotFoundHere() {
        status("alice", TICKETS.sign(QueueTicket.position("E2", "alice", 601)))
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aWaitingTicketShowsPositionServingCounterWhoIsAheadAndAnEta() {
        status("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 150)))
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("WAITING")
                .jsonPath("$.position")
                .isEqualTo(150)
                .jsonPath("$.servingCounter")
                .isEqualTo(100)
                .jsonPath("$.buyersAhead")
                .isEqualTo(49)
                .jsonPath("$.eta.minSeconds")
                .isEqualTo(4)
                .jsonPath("$.eta.maxSeconds")
                .isEqualTo(7)
                .jsonPath("$.pollAfterSeconds")
                .isEqualTo(2)
                .jsonPath("$.admissionToken")
                .doesNotExist();
    }

    @Test
    void anAdmittedTicketCarriesAnAdmissionTokenThatEndsWithTheWindow() {
        view.accept("E1", batch(91, 100, ONE_MINUTE_AGO, IN_NINE_MINUTES));

        Map<String, Object> body = status("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 95)))
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("state", "ADMITTED").containsEntry("windowEndsAt", IN_NINE_MINUTES.toString());
        var token = ADMISSIONS.verify((String) body.get("admissionToken"), "E1", "alice", NOW);
        assertThat(token.isAccepted()).isTrue();
        assertThat(token.value().expiresAt()).isEqualTo(IN_NINE_MINUTES);
        assertThat(ADMISSIONS
                        .verify((String) body.get("admissionToken"), "E1", "alice", IN_NINE_MINUTES.plusSeconds(1))
                        .isAccepted())
                .isFalse();
    }

    @Test
    void soldOutAndExpiredAreSaid() {
        view.accept("E1", batch(1, 10, NOW.minusSeconds(900), NOW.minusSeconds(300)));
        status("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 5)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("EXPIRED")
                .jsonPath("$.admissionToken")
                .doesNotExist();

        view.accept(queuing("E1", 100, 0)
                .setSoldOut(true)
                .setMode(io.onsale.schema.queue.QueueMode.SOLD_OUT)
                .build());
        status("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 150)))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("SOLD_OUT")
                .jsonPath("$.mode")
                .isEqualTo("SOLD_OUT");
    }

    @Test
    void theStatusStreamPushesChangesAndEndsWithTheAdmission() {
        String ticket = TICKETS.sign(QueueTicket.position("E1", "alice", 105));
        var result = http.get()
                .uri("/api/events/E1/queue/{ticket}/events", ticket)
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {});

        reactor.test.StepVerifier.create(result.getResponseBody()
                        .filter(sse -> sse.data() != null)
                        .map(sse -> sse.data().get("state") + "@" + sse.data().get("servingCounter")))
                .expectNext("WAITING@100")
                .then(() -> view.accept(queuing("E1", 102, 10).build()))
                .expectNext("WAITING@102")
                .then(() -> {
                    view.accept("E1", batch(103, 110, NOW, IN_NINE_MINUTES));
                    view.accept(queuing("E1", 110, 10).build());
                })
                .expectNext("ADMITTED@110")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(openStreams()).isZero());
    }

    @Test
    void aThirdStreamOfOneBuyerIsTooManyUntilOneOfTheTwoIsGone() {
        String ticket = TICKETS.sign(QueueTicket.position("E1", "alice", 150));
        Flux<?> first = openStream("alice", ticket);
        Flux<?> second = openStream("alice", ticket);

        stream("alice", ticket)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:too-many-streams")
                .jsonPath("$.retryAfterSeconds")
                .isEqualTo(2);
        assertThat(openStreams()).isEqualTo(2);

        // The client goes away (its stream is cancelled): its place is free again.
        goAway(first);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(openStreams()).isEqualTo(1));
        Flux<?> third = openStream("alice", ticket);

        goAway(second);
        goAway(third);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(openStreams()).isZero());
    }

    @Test
    void aStreamBeyondTheInstancesBoundIsUnavailableAndTheBuyerIsToldToPoll() {
        List<Flux<?>> open = List.of(
                openStream("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 150))),
                openStream("alice", TICKETS.sign(QueueTicket.position("E1", "alice", 150))),
                openStream("bob", TICKETS.sign(QueueTicket.position("E1", "bob", 151))));

        stream("carol", TICKETS.sign(QueueTicket.position("E1", "carol", 152)))
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:overloaded")
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("poll the status"));
        status("carol", TICKETS.sign(QueueTicket.position("E1", "carol", 152)))
                .expectStatus()
                .isOk();

        open.forEach(QueueControllerTest::goAway);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(openStreams()).isZero());
        goAway(openStream("carol", TICKETS.sign(QueueTicket.position("E1", "carol", 152))));
    }

    @Test
    void theStatusStreamRefusesAnotherBuyersTicketAsProblemJson() {
        String ticket = TICKETS.sign(QueueTicket.position("E1", "alice", 105));

        http.get()
                .uri("/api/events/E1/queue/{ticket}/events", ticket)
                .headers(h -> h.setBearerAuth(TestTokens.buyer("mallory")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec stream(String buyer, String ticket) {
        return http.get()
                .uri("/api/events/E1/queue/{ticket}/events", ticket)
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange();
    }

    /** An accepted stream, not read yet: its place is taken until it is read to its end or cancelled ({@link #goAway}). */
    private Flux<?> openStream(String buyer, String ticket) {
        return stream(buyer, ticket)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
    }

    /** The client reads the stream's first status and closes the connection. */
    private static void goAway(Flux<?> stream) {
        reactor.test.StepVerifier.create(stream).expectNextCount(1).thenCancel().verify(Duration.ofSeconds(10));
    }

    private static double openStreams() {
        return METERS.get("onsale.edge.status.streams").gauge().value();
    }

    private WebTestClient.ResponseSpec join(String buyer) {
        return http.post()
                .uri("/api/events/E1/queue")
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .exchange();
    }

    private WebTestClient.ResponseSpec leave(String buyer, String ticket) {
        return http.delete()
                .uri("/api/events/E1/queue/{ticket}", ticket)
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .exchange();
    }

    private WebTestClient.ResponseSpec status(String buyer, String ticket) {
        return http.get()
                .uri("/api/events/E1/queue/{ticket}", ticket)
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .exchange();
    }

    private static QueueEvent.Builder refusal(String buyer) {
        return QueueEvent.newBuilder()
                .setRequestId("join:E1:" + buyer)
                .setType(QueueEventType.REJECTED)
                .setEventId("E1")
                .setDecidedAt(NOW)
                .setServingCounter(100)
                .setBuyerId(buyer);
    }

    private static QueueEvent joined(String buyer, long position, boolean duplicate, QueuePlaceStatus status) {
        return QueueEvent.newBuilder()
                .setRequestId("join:E1:" + buyer)
                .setType(QueueEventType.JOINED)
                .setEventId("E1")
                .setDecidedAt(NOW)
                .setServingCounter(100)
                .setBuyerId(buyer)
                .setStatus(status)
                .setPosition(position)
                .setDuplicate(duplicate)
                .build();
    }
}
