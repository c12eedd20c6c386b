package io.onsale.edge.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventConfigJson;
import io.onsale.edge.limits.LimitsWiring;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.config.EventConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 50,000-seat venue goes through (the codecs' default 256 KiB refused it), with room to spare both as JSON and as
 * the Avro record produced to {@code event-config}; a config above the limit is a 413 problem naming it.
 */
@WebFluxTest(controllers = EventAdminController.class, properties = "onsale.kafka.config-visible-timeout=10ms")
@EnableConfigurationProperties({JwtSettings.class, KafkaSettings.class})
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({LimitsWiring.class, QueryService.class, io.onsale.edge.platform.StoreReads.class, ClockWiring.class})
class EventConfigBodyLimitTest {

    private static final int FIFTY_THOUSAND = 50_000;
    private static final long EVENT_CONFIG_LIMIT = 8L * 1024 * 1024;

    @TestConfiguration
    static class CatalogueOfTopics {
        @Bean
        Topics topics() {
            return Topics.from(Topics.Settings.defaults());
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    @Autowired
    Topics topics;

    @MockitoBean
    CommandPublisher publisher;

    @MockitoBean
    ReservationsStreams streams;

    @MockitoBean
    EventCatalog catalog;

    @Test
    void aFiftyThousandSeatVenueIsTakenAndFitsBothItsBodyLimitAndItsKafkaRecord() {
        when(publisher.publish(any(), any(), any())).thenReturn(Mono.empty());
        byte[] body = json.writeValueAsBytes(venue(FIFTY_THOUSAND));

        http.put()
                .uri("/api/admin/events/E50K")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted();

        EventConfig config = json.readValue(body, EventConfigJson.class).toAvro("E50K", new ArrayList<>());
        int recordBytes = topics.eventConfig()
                .valueSerde()
                .serializer()
                .serialize(topics.eventConfig().name(), config)
                .length;
        System.out.printf(
                "50,000-seat event config: %,d bytes of JSON, %,d bytes as the event-config record%n",
                body.length, recordBytes);
        assertThat(body.length).isLessThan((int) (EVENT_CONFIG_LIMIT / 2));
        assertThat(recordBytes).isLessThan(TopicSpec.LARGE_MESSAGE_BYTES / 2);
        verify(publisher).publish(any(), any(), any());
    }

    @Test
    void aConfigAboveTheLimitIsRefusedWith413NamingTheLimitAndNothingIsProduced() {
        byte[] nineMib = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(nineMib, (byte) ' ');

        http.put()
                .uri("/api/admin/events/E9")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(nineMib)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:body-too-large")
                .jsonPath("$.maxBytes")
                .isEqualTo(EVENT_CONFIG_LIMIT)
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail).contains("An event config may be at most 8388608 bytes (8 MiB)"));
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aConfigTooLargeAsAKafkaRecordIsA413ProblemNotAServerError() {
        when(publisher.publish(any(), any(), any()))
                .thenReturn(Mono.error(new RecordTooLargeException(
                        "The message is 5242980 bytes when serialized which is larger than 4194304, which is the value of the "
                                + "max.request.size configuration.")));

        http.put()
                .uri("/api/admin/events/E9")
                .headers(h -> h.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(venue(3))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:record-too-large")
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .contains("at most 4194304 bytes")
                                .contains("5242980 bytes"));
    }

    /** Laid out like the simulator's venue: rows of ten, ids {@code A-<row>-<number>}. */
    private static Map<String, Object> venue(int seats) {
        List<Map<String, Object>> seatList = new ArrayList<>(seats);
        for (int i = 0; i < seats; i++) {
            int row = i / 10 + 1;
            seatList.add(Map.of(
                    "seatId", "A-" + row + "-" + (i % 10 + 1), "row", String.valueOf(row), "number", i % 10 + 1));
        }
        return Map.of(
                "name",
                "Stadium night",
                "venue",
                "Stadium",
                "saleOpensAt",
                "2026-12-01T10:00:00Z",
                "currency",
                "EUR",
                "holdWindowMinutes",
                10,
                "perBuyerLimit",
                4,
                "sections",
                List.of(Map.of(
                        "sectionId",
                        "A",
                        "name",
                        "Bowl",
                        "kind",
                        "RESERVED",
                        "priceTier",
                        "T1",
                        "priceMinor",
                        9900,
                        "seats",
                        seatList)));
    }
}
