package io.onsale.edge.organizer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.topics.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Invalid configs are refused with every problem listed, and never reach event-config. */
@WebFluxTest(controllers = EventAdminController.class)
@EnableConfigurationProperties({JwtSettings.class, KafkaSettings.class})
@ComponentScan(basePackages = "io.onsale.edge.security")
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

    @Test
    void anInvalidConfigIsRefusedWithEveryProblemAndNothingIsProduced() {
        Map<String, Object> config = new java.util.HashMap<>(DemoEvents.onSaleWithSeats(3));
        config.put("holdWindowMinutes", 45);
        config.put("currency", "euro");

        put(TestTokens.organizer("org-1"), config).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'holdWindowMinutes')].message").isEqualTo("must be between 1 and 30, got 45")
                .jsonPath("$.errors[?(@.field == 'currency')]").exists();
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        Map<String, Object> config = new java.util.HashMap<>(DemoEvents.onSaleWithSeats(3));
        config.remove("saleOpensAt");

        put(TestTokens.organizer("org-1"), config).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("saleOpensAt");
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aBuyerCannotConfigureEvents() {
        put(TestTokens.buyer("mallory"), DemoEvents.onSaleWithSeats(3)).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verify(publisher, never()).publish(any(), any(), any());
    }

    private WebTestClient.ResponseSpec put(String token, Map<String, Object> config) {
        return http.put().uri("/api/admin/events/E9").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(config).exchange();
    }
}
