package io.onsale.edge.queue;

import static io.onsale.edge.queue.QueueTestData.NOW;
import static io.onsale.edge.queue.QueueTestData.queuing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueueReason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** The organizer's live changes to a waiting room: merged into the policy in force, answered from the room's decision. */
@WebFluxTest(controllers = QueueAdminController.class)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import(ClockWiring.class)
class QueueAdminControllerTest {

    private static final QueuePolicy IN_FORCE = QueuePolicy.newBuilder()
            .setActivationThreshold(10)
            .setMaxAdmitRatePerSecond(100)
            .setTargetActiveShoppers(1000)
            .setPurchaseWindowMinutes(10)
            .build();

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
        @Bean
        QueueProgressView queueProgressView() {
            return new QueueProgressView(
                    null, Topics.from(Topics.Settings.defaults()), Duration.ofHours(2), Clock.systemUTC()) {
                @Override
                public void start() {
                    // fed by the tests, no broker
                }
            };
        }
    }

    @BeforeEach
    void aRoomWithItsPolicy() {
        view.accept(queuing("E1", 100, 10).setPolicy(IN_FORCE).build());
        when(catalog.index("E1"))
                .thenReturn(Optional.of(new EventIndex(EventConfig.newBuilder()
                        .setEventId("E1")
                        .setName("n")
                        .setVenue("v")
                        .setSaleOpensAt(NOW)
                        .setSections(List.of())
                        .setQueuePolicy(IN_FORCE)
                        .setOwner("org-1")
                        .build())));
        when(catalog.index("NOPE")).thenReturn(Optional.empty());
    }

    @Test
    void anotherOrganizersRoomIsNotTheirsToChangeButAnAdminsIs() {
        http.patch()
                .uri("/api/admin/events/E1/queue")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-2")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paused", true))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:not-event-owner")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).doesNotContain("org-1"));
        verify(gateway, never()).changePolicy(any(), any(), any());

        when(gateway.changePolicy("E1", null, true)).thenReturn(Mono.just(Optional.of(changed(null, true))));
        http.patch()
                .uri("/api/admin/events/E1/queue")
                .headers(h -> h.setBearerAuth(
                        TestTokens.token("root", List.of("ADMIN"), "onsale-local", "onsale-api", TestTokens.SECRET)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paused", true))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aNewAdmitRateKeepsTheRestOfThePolicyInForce() {
        QueuePolicy expected =
                QueuePolicy.newBuilder(IN_FORCE).setMaxAdmitRatePerSecond(25).build();
        when(gateway.changePolicy("E1", expected, null)).thenReturn(Mono.just(Optional.of(changed(expected, null))));

        patch("E1", Map.of("maxAdmitRatePerSecond", 25))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.policy.maxAdmitRatePerSecond")
                .isEqualTo(25)
                .jsonPath("$.policy.targetActiveShoppers")
                .isEqualTo(1000);
    }

    @Test
    void pausingSendsNoPolicyOnlyThePause() {
        when(gateway.changePolicy("E1", null, true)).thenReturn(Mono.just(Optional.of(changed(null, true))));

        patch("E1", Map.of("paused", true))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paused")
                .isEqualTo(true);
    }

    @Test
    void aChangeTheRoomRefusesIsUnprocessableWithTheReason() {
        ArgumentCaptor<QueuePolicy> policy = ArgumentCaptor.forClass(QueuePolicy.class);
        when(gateway.changePolicy(eq("E1"), policy.capture(), eq(null)))
                .thenReturn(Mono.just(Optional.of(QueueEvent.newBuilder()
                        .setType(QueueEventType.REJECTED)
                        .setEventId("E1")
                        .setDecidedAt(NOW)
                        .setReason("INVALID_POLICY: targetActiveShoppers below activationThreshold")
                        .build())));

        patch("E1", Map.of("targetActiveShoppers", 5))
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("INVALID_POLICY")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .as("the problems, from the string a room before the typed reason wrote")
                        .contains("targetActiveShoppers below activationThreshold")
                        .doesNotContain("INVALID_POLICY"));
        assertThat(policy.getValue().getTargetActiveShoppers()).isEqualTo(5);
    }

    @Test
    void aTypedRefusalGivesTheReasonAndTheProblemsApart() {
        when(gateway.changePolicy(eq("E1"), any(), eq(null)))
                .thenReturn(Mono.just(Optional.of(QueueEvent.newBuilder()
                        .setType(QueueEventType.REJECTED)
                        .setEventId("E1")
                        .setDecidedAt(NOW)
                        .setReason("INVALID_POLICY: maxAdmitRatePerSecond must be at least 1, got 0")
                        .setReasonCode(QueueReason.INVALID_POLICY)
                        .setReasonDetail("maxAdmitRatePerSecond must be at least 1, got 0")
                        .build())));

        patch("E1", Map.of("targetActiveShoppers", 5))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:queue-change-refused")
                .jsonPath("$.reason")
                .isEqualTo("INVALID_POLICY")
                .jsonPath("$.detail")
                .isEqualTo("The waiting room cannot put this policy in force: maxAdmitRatePerSecond must be at least 1,"
                        + " got 0.");
    }

    @Test
    void aRefusalForAReasonNewerThanThisEdgeIsUnprocessableAndNamesIt() {
        when(gateway.changePolicy(eq("E1"), any(), eq(true)))
                .thenReturn(Mono.just(Optional.of(QueueEvent.newBuilder()
                        .setType(QueueEventType.REJECTED)
                        .setEventId("E1")
                        .setDecidedAt(NOW)
                        .setReason("A_NEWER_REASON")
                        .setReasonCode(QueueReason.UNKNOWN)
                        .build())));

        patch("E1", Map.of("paused", true))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("UNKNOWN")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("A_NEWER_REASON"));
    }

    @Test
    void emptyOrOutOfRangeChangesAreRefusedBeforeAnythingIsProduced() {
        patch("E1", Map.of())
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        patch("E1", Map.of("maxAdmitRatePerSecond", 0)).expectStatus().isBadRequest();
        patch("E1", Map.of("admitEveryone", true)).expectStatus().isBadRequest();
        patch("NOPE", Map.of("maxAdmitRatePerSecond", 5)).expectStatus().isNotFound();

        verify(gateway, never()).changePolicy(any(), any(), any());
    }

    @Test
    void aPendingChangeIsAccepted() {
        when(gateway.changePolicy(eq("E1"), any(), eq(false))).thenReturn(Mono.just(Optional.empty()));

        patch("E1", Map.of("paused", false)).expectStatus().isAccepted();
    }

    @Test
    void onlyOrganizersChangeARoom() {
        http.patch()
                .uri("/api/admin/events/E1/queue")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("alice")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paused", true))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private WebTestClient.ResponseSpec patch(String eventId, Map<String, Object> body) {
        return http.patch()
                .uri("/api/admin/events/{id}/queue", eventId)
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static QueueEvent changed(QueuePolicy policy, Boolean paused) {
        return QueueEvent.newBuilder()
                .setType(QueueEventType.POLICY_CHANGED)
                .setEventId("E1")
                .setDecidedAt(NOW)
                .setPolicy(policy)
                .setPaused(paused)
                .build();
    }
}
