package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An operator's drill makes the sandbox gateway slow or failing mid-sale; nobody else may, and nonsense is refused. */
@WebFluxTest(controllers = SandboxDrillController.class)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = {"io.onsale.edge.security", "io.onsale.edge.problem"})
@Import(ClockWiring.class)
class SandboxDrillControllerTest {

    @Autowired
    WebTestClient http;

    @Autowired
    SandboxPaymentGateway sandbox;

    @TestConfiguration
    static class Sandbox {
        @Bean
        SandboxPaymentGateway sandboxPaymentGateway() {
            return new SandboxPaymentGateway(
                    new PaymentSettings(Duration.ofSeconds(10), 4, 10, Duration.ofMillis(200), 0, null));
        }
    }

    @Test
    void anOperatorSlowsTheGatewayAndSeesWhatIsInForce() {
        http.put()
                .uri("/api/ops/sandbox-gateway")
                .header("Authorization", "Bearer " + TestTokens.operator("ops-1"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"latencyMillis\": 3000}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latencyMillis")
                .isEqualTo(3000)
                .jsonPath("$.declineRate")
                .isEqualTo(0.0);

        assertThat(sandbox.latency()).isEqualTo(Duration.ofSeconds(3));
        http.get()
                .uri("/api/ops/sandbox-gateway")
                .header("Authorization", "Bearer " + TestTokens.operator("ops-1"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latencyMillis")
                .isEqualTo(3000);
    }

    @Test
    void onlyOperatorsDrillAndNonsenseIsRefusedWithAProblem() {
        Duration before = sandbox.latency();
        http.put()
                .uri("/api/ops/sandbox-gateway")
                .header("Authorization", "Bearer " + TestTokens.organizer("org-1"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"latencyMillis\": 3000}")
                .exchange()
                .expectStatus()
                .isForbidden();
        http.put()
                .uri("/api/ops/sandbox-gateway")
                .header("Authorization", "Bearer " + TestTokens.operator("ops-1"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"declineRate\": 1.5}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("declineRate"));
        assertThat(sandbox.latency()).as("nothing changed").isEqualTo(before);
    }
}
