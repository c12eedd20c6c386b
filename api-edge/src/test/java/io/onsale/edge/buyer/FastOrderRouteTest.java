package io.onsale.edge.buyer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.limits.InFlight;
import io.onsale.edge.limits.LimitSettings;
import io.onsale.edge.limits.RateLimits;
import io.onsale.edge.platform.FastPaths;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.edge.queue.OrderAdmission;
import io.onsale.edge.security.VerifiedBuyers;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which orders the route takes before WebFlux: only those the full stack would let through to its controller without
 * a word; everything else is left to it, so its answers (401, 403, 404, 413, 415, an admission refusal) stay its own.
 */
class FastOrderRouteTest {

    private static final String TOKEN = "Bearer known";
    private static final String URI = "/api/events/E1/orders";

    private final VerifiedBuyers buyers = mock(VerifiedBuyers.class);
    private final EventCatalog catalog = mock(EventCatalog.class);
    private final OrderAdmission admission = mock(OrderAdmission.class);
    private final LimitSettings settings = mock(LimitSettings.class);
    private final FastOrderRoute route;

    FastOrderRouteTest() {
        when(settings.body()).thenReturn(DataSize.ofKilobytes(16));
        route = new FastOrderRoute(
                buyers,
                catalog,
                admission,
                mock(InFlight.class),
                mock(RateLimits.class),
                settings,
                mock(OrderGateway.class),
                mock(RecentOrders.class),
                JsonMapper.builder().build(),
                new SimpleMeterRegistry(),
                java.time.Clock.systemUTC());
        Jwt buyer = Jwt.withTokenValue("known")
                .header("alg", "HS256")
                .subject("b1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600))
                .build();
        when(buyers.buyer(TOKEN)).thenReturn(Optional.of(buyer));
        when(buyers.buyer(eq("Bearer unknown"))).thenReturn(Optional.empty());
        when(catalog.index("E1")).thenReturn(Optional.of(mock(EventIndex.class)));
        when(catalog.index(eq("E2"))).thenReturn(Optional.empty());
        when(admission.admits(eq("E1"), eq("b1"), any())).thenReturn(true);
    }

    @Test
    void anOrderWhileTheCatalogIsRestoringIsLeftToTheFullStackNotThrownAtNetty() {
        when(catalog.index("E1")).thenThrow(new StoreUnavailableException("the reservation state is REBALANCING"));

        assertThat(route.accept(HttpMethod.POST, URI, order())).isEmpty();
    }

    @Test
    void anOrderWithAKnownTokenAJsonBodyAndAnAdmissionIsTakenHere() {
        Optional<FastOrderRoute.Accepted> accepted = route.accept(HttpMethod.POST, URI, order());
        assertThat(accepted).hasValueSatisfying(order -> {
            assertThat(order.eventId()).isEqualTo("E1");
            assertThat(order.buyer().getSubject()).isEqualTo("b1");
            assertThat(order.idempotencyKey()).isEqualTo("k1");
        });
    }

    @Test
    void everythingTheFullStackWouldSayAWordAboutIsLeftToIt() {
        assertThat(route.accept(HttpMethod.PUT, URI, order()))
                .as("another method")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Authorization", "Bearer unknown")))
                .as("a token the security chain has not accepted yet")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().remove("Authorization")))
                .as("no token")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E2/orders", order()))
                .as("an unknown event")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Content-Type", "text/plain")))
                .as("415")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().remove("Content-Length")))
                .as("a chunked body, counted by the body limit as it streams")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Content-Length", "0")))
                .as("no body")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Content-Length", "16385")))
                .as("413")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Idempotency-Key", " ")))
                .as("a blank key")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Idempotency-Key", "k".repeat(129))))
                .as("a long key")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Idempotency-Key", "k:1")))
                .as("a key with ':'")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().set("Idempotency-Key", "k|1")))
                .as("a key with '|'")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, URI, order().add("Idempotency-Key", "k2")))
                .as("two keys")
                .isEmpty();

        when(admission.admits(anyString(), anyString(), any())).thenReturn(false);
        assertThat(route.accept(HttpMethod.POST, URI, order()))
                .as("no admission, a refused or lapsed one: the admission filter's answer")
                .isEmpty();
    }

    @Test
    void onlyThePlainOrdersPathOfAnEvent() {
        assertThat(FastPaths.eventIdOf("/api/events/E1/orders", "/orders")).isEqualTo("E1");
        assertThat(FastPaths.eventIdOf("/api/events/E1/orders?x=1", "/orders")).isNull();
        assertThat(FastPaths.eventIdOf("/api/events/E%31/orders", "/orders"))
                .as("escaped: the full stack decodes it")
                .isNull();
        assertThat(FastPaths.eventIdOf("/api/events/E1/x/orders", "/orders")).isNull();
        assertThat(FastPaths.eventIdOf("/api/events//orders", "/orders")).isNull();
        assertThat(FastPaths.eventIdOf("/api/events/E1;a=b/orders", "/orders")).isNull();
        assertThat(FastPaths.eventIdOf("/api/orders/o1/payment", "/orders")).isNull();
    }

    @Test
    void jsonInUtf8Only() {
        assertThat(FastOrderRoute.isJson("application/json")).isTrue();
        assertThat(FastOrderRoute.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(FastOrderRoute.isJson("application/json;charset=ISO-8859-1")).isFalse();
        assertThat(FastOrderRoute.isJson("application/problem+json")).isFalse();
        assertThat(FastOrderRoute.isJson(null)).isFalse();
    }

    private static HttpHeaders order() {
        return new DefaultHttpHeaders(false)
                .set("Authorization", TOKEN)
                .set("Content-Type", "application/json")
                .set("Content-Length", "40")
                .set("Idempotency-Key", "k1")
                .set("Admission-Token", "a1");
    }
}
