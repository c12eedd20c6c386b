package io.onsale.edge.security;

import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The edge's operator endpoints as a deployment serves them (no local profile; ADR 0014): health probes open with a
 * bare status, details only for an OPERATOR token; metrics and info for OPERATOR only; the API document for OPERATOR
 * or ORGANIZER; everyone else 401/403 problem+json. The local profile opens metrics and the document to the scripts.
 */
@WebFluxTest(
        useDefaultFilters = false,
        properties = {
            // A deployment: not the local profile the test JVM runs with, secrets of its own.
            "spring.profiles.active=production",
            "onsale.jwt.secret=" + TestTokens.SECRET_OF_A_DEPLOYMENT,
            "onsale.queue.signing-secret=" + TestTokens.SECRET_OF_A_DEPLOYMENT,
            // The readiness group names the edge's own indicators, which this slice does not have.
            "management.endpoint.health.validate-group-membership=false"
        })
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import(ClockWiring.class)
@ImportAutoConfiguration({
    org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration.class,
    org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration.class,
    org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration.class,
    org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration.class,
    org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration.class,
    org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration.class,
    org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration.class,
    org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration.class,
    org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration.class,
    org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration.class,
    org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration.class,
    org.springframework.boot.webflux.autoconfigure.actuate.endpoint.web.WebFluxHealthEndpointExtensionAutoConfiguration
            .class,
    org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
    org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration.class,
    org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration
            .class,
    org.springdoc.core.properties.SpringDocConfigProperties.class,
    org.springdoc.core.configuration.SpringDocConfiguration.class,
    org.springdoc.webflux.core.configuration.SpringDocWebFluxConfiguration.class,
    org.springdoc.core.properties.SwaggerUiConfigProperties.class,
    org.springdoc.core.properties.SwaggerUiOAuthProperties.class,
    org.springdoc.webflux.ui.SwaggerConfig.class
})
class OperatorEndpointsTest {

    private static final String OPERATOR = TestTokens.token(
            "ops-1", List.of("OPERATOR"), "onsale-local", "onsale-api", TestTokens.SECRET_OF_A_DEPLOYMENT);
    private static final String ORGANIZER = TestTokens.token(
            "org-1", List.of("ORGANIZER"), "onsale-local", "onsale-api", TestTokens.SECRET_OF_A_DEPLOYMENT);
    private static final String BUYER = TestTokens.token(
            "alice", List.of("BUYER"), "onsale-local", "onsale-api", TestTokens.SECRET_OF_A_DEPLOYMENT);

    @Autowired
    WebTestClient http;

    @Test
    void healthProbesAreOpenButTellOnlyTheStatus() {
        for (String probe : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            http.get()
                    .uri(probe)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP")
                    .jsonPath("$.components")
                    .doesNotExist()
                    .jsonPath("$.details")
                    .doesNotExist();
        }
        http.get()
                .uri("/actuator/health")
                .headers(h -> h.setBearerAuth(BUYER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components")
                .doesNotExist();
    }

    @Test
    void anOperatorSeesTheHealthDetails() {
        http.get()
                .uri("/actuator/health")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.readinessState.status")
                .isEqualTo("UP");
    }

    @Test
    void metricsAreForOperatorsOnly() {
        for (String path : List.of("/actuator/prometheus", "/actuator/info")) {
            http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            for (String other : List.of(BUYER, ORGANIZER)) {
                http.get()
                        .uri(path)
                        .headers(h -> h.setBearerAuth(other))
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        http.get()
                .uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_PLAIN);
    }

    @Test
    void theApiDocumentIsForOperatorsAndOrganizers() {
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html")) {
            http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            http.get()
                    .uri(path)
                    .headers(h -> h.setBearerAuth(BUYER))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        http.get()
                .uri("/v3/api-docs")
                .headers(h -> h.setBearerAuth(OPERATOR))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/v3/api-docs")
                .headers(h -> h.setBearerAuth(ORGANIZER))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** What ./ticketing, the benches and .local/probe scripts get from a local edge. */
    @Nested
    @TestPropertySource(properties = "spring.profiles.active=local")
    class InTheLocalProfile {

        @Test
        void metricsAndTheApiDocumentNeedNoToken() {
            http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
            http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        }

        @Test
        void healthDetailsAreStillForOperatorsOnly() {
            http.get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP")
                    .jsonPath("$.components")
                    .doesNotExist();
        }
    }
}
