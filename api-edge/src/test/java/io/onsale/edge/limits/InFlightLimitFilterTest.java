package io.onsale.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

class InFlightLimitFilterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InFlightLimitFilter filter = new InFlightLimitFilter(
            new InFlight(new InFlightSettings(2, 5, 5, 1), meters),
            JsonMapper.builder().build());
    private final Sinks.Empty<Void> slowEngine = Sinks.empty();
    private final WebFilterChain working = exchange -> slowEngine.asMono();

    @Test
    void beyondTheBoundAnOrderIsRefusedAtOnceWithRetryAfterAndTheNextGoesThroughOnceOneIsDone() {
        filter.filter(order(), working).subscribe();
        filter.filter(order(), working).subscribe();

        MockServerWebExchange third = order();
        filter.filter(third, exchange -> Mono.error(new AssertionError("a shed request must not reach the chain")))
                .block();

        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(third.getResponse().getBodyAsString().block()).contains("overloaded");
        assertThat(meters.counter("onsale.edge.shed", "route", "orders").count())
                .isEqualTo(1);

        slowEngine.tryEmitEmpty();
        MockServerWebExchange fourth = order();
        filter.filter(fourth, exchange -> Mono.empty()).block();
        assertThat(fourth.getResponse().getStatusCode()).isNull();
    }

    @Test
    void onlyTheHotRoutesAreBounded() {
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.POST, "/api/events/e/orders"))
                .isEqualTo(InFlight.Route.ORDERS);
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.POST, "/api/events/e/queue"))
                .isEqualTo(InFlight.Route.QUEUE_JOINS);
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.GET, "/api/events/e/sections/A/seats"))
                .isEqualTo(InFlight.Route.READS);
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.GET, "/api/events/e/queue/t"))
                .isEqualTo(InFlight.Route.READS);
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.GET, "/api/events/e"))
                .as("the event page")
                .isEqualTo(InFlight.Route.READS);
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.GET, "/api/events/e/queue/t/events"))
                .as("status streams")
                .isNull();
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.POST, "/api/orders/o/payment"))
                .as("bounded by the gateway's line")
                .isNull();
        assertThat(InFlightLimitFilter.routeOf(HttpMethod.GET, "/actuator/health/readiness"))
                .isNull();
    }

    private static MockServerWebExchange order() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/events/e/orders"));
    }
}
