package io.onsale.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.security.JwtSettings;
import io.onsale.edge.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The limits in front of the buyer write routes (stand-ins that only count what reaches them), with small rates so a
 * test can exhaust them. The event config's own limit: {@code organizer/EventConfigBodyLimitTest}.
 */
@WebFluxTest(
        controllers = LimitsTest.Writes.class,
        properties = {
            "onsale.edge.limits.orders.capacity=3",
            "onsale.edge.limits.orders.refill-per-second=0.01",
            "onsale.edge.limits.payment.capacity=1",
            "onsale.edge.limits.payment.refill-per-second=0.01",
            "onsale.edge.limits.anonymous.capacity=2",
            "onsale.edge.limits.anonymous.refill-per-second=0.01"
        })
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({LimitsWiring.class, LimitsTest.Writes.class, ClockWiring.class})
class LimitsTest {

    /** Stand-ins for the buyer write endpoints: whatever reaches them is counted as passed. */
    @RestController
    static class Writes {
        static final java.util.concurrent.atomic.AtomicInteger REACHED =
                new java.util.concurrent.atomic.AtomicInteger();

        @PostMapping("/api/events/{eventId}/orders")
        Map<String, Object> order(@PathVariable String eventId, @RequestBody Map<String, Object> body) {
            REACHED.incrementAndGet();
            return body;
        }

        @DeleteMapping("/api/orders/{orderId}")
        Map<String, Object> cancel(@PathVariable String orderId) {
            REACHED.incrementAndGet();
            return Map.of("orderId", orderId);
        }

        @PostMapping("/api/orders/{orderId}/payment")
        Map<String, Object> pay(@PathVariable String orderId, @RequestBody Map<String, Object> body) {
            REACHED.incrementAndGet();
            return body;
        }
    }

    @Autowired
    WebTestClient http;

    @Test
    void aBuyerHammeringOrdersIsRefusedWith429AndRetryAfterWhileAnotherBuyerIsNot() {
        int before = Writes.REACHED.get();
        for (int i = 0; i < 3; i++) {
            order("hammer").expectStatus().isOk();
        }

        refusedByItsBucketOfThree(order("hammer"), "orders");
        order("someone-else").expectStatus().isOk();

        assertThat(Writes.REACHED.get() - before).isEqualTo(4);
    }

    @Test
    void eachWriteEndpointHasItsOwnBucket() {
        String buyer = "payer";
        pay(buyer).expectStatus().isOk();
        pay(buyer)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody()
                .jsonPath("$.limit")
                .isEqualTo("payment");

        order(buyer).expectStatus().isOk();
    }

    @Test
    void cancelsHaveABucketOfTheirOwnAtTheOrdersRate() {
        int before = Writes.REACHED.get();
        String buyer = "canceller";
        for (int i = 0; i < 3; i++) {
            cancel(buyer).expectStatus().isOk();
        }

        refusedByItsBucketOfThree(cancel(buyer), "cancel");
        order(buyer).expectStatus().isOk();

        assertThat(Writes.REACHED.get() - before).isEqualTo(4);
    }

    @Test
    void requestsWithoutAValidTokenAreLimitedPerAddressAndValidTokensAreNot() {
        // Two anonymous requests and one forged token empty this address's bucket (capacity 2)...
        http.get().uri("/api/events/E1").exchange().expectStatus().isUnauthorized();
        http.get()
                .uri("/api/events/E1")
                .headers(h -> h.setBearerAuth("forged"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/api/events/E1")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.limit")
                .isEqualTo("anonymous");
        http.get()
                .uri("/api/events/E1")
                .headers(h -> h.setBearerAuth("forged"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        // ...while a buyer with a valid token from the same address still gets through, and health is never limited.
        order("behind-the-same-nat").expectStatus().isOk();
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isNotEqualTo(429));
    }

    @Test
    void anOrderBodyAboveSixteenKibIsRefusedWith413NamingTheLimitAndNeverReachesTheEndpoint() {
        int before = Writes.REACHED.get();
        Map<String, Object> big = Map.of("seats", java.util.Collections.nCopies(2_000, "A-1-1-padding"));

        http.post()
                .uri("/api/events/E1/orders")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("big")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(big)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:body-too-large")
                .jsonPath("$.maxBytes")
                .isEqualTo(16384)
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("16384 bytes (16 KiB)"));
        assertThat(Writes.REACHED.get()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCountedAndRefusedTheSameWay() {
        byte[] chunk = new byte[4096];
        java.util.Arrays.fill(chunk, (byte) ' ');
        Flux<org.springframework.core.io.buffer.DataBuffer> body = Flux.range(0, 8)
                .map(i -> org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(
                        i == 0 ? "{\"seats\":[".getBytes() : chunk));

        http.post()
                .uri("/api/orders/E1:x/payment")
                .headers(h -> h.setBearerAuth(TestTokens.buyer("chunky")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body, org.springframework.core.io.buffer.DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.maxBytes")
                .isEqualTo(16384);
    }

    /** 429 problem+json naming the limit, with {@code Retry-After}: a buyer past the 3 requests its bucket holds. */
    private static void refusedByItsBucketOfThree(WebTestClient.ResponseSpec answer, String limit) {
        answer.expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        value -> assertThat(Integer.parseInt(value)).isPositive())
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:onsale:problem:rate-limited")
                .jsonPath("$.limit")
                .isEqualTo(limit)
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("3 at once"));
    }

    private WebTestClient.ResponseSpec order(String buyer) {
        return http.post()
                .uri("/api/events/E1/orders")
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("seats", java.util.List.of("A-1-1")))
                .exchange();
    }

    private WebTestClient.ResponseSpec cancel(String buyer) {
        return http.delete()
                .uri("/api/orders/E1:abc")
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .exchange();
    }

    private WebTestClient.ResponseSpec pay(String buyer) {
        return http.post()
                .uri("/api/orders/E1:abc/payment")
                .headers(h -> h.setBearerAuth(TestTokens.buyer(buyer)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("paymentMethod", "tok"))
                .exchange();
    }
}
