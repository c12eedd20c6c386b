package io.onsale.edge.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.limits.InFlight;
import io.onsale.edge.limits.RateLimits;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.edge.security.VerifiedBuyers;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.json.JsonMapper;

/** Which joins the route takes before WebFlux: a buyer's, for a known event, without a body; the rest is the full stack's. */
class FastJoinRouteTest {

    private final VerifiedBuyers buyers = mock(VerifiedBuyers.class);
    private final EventCatalog catalog = mock(EventCatalog.class);
    private final FastJoinRoute route = new FastJoinRoute(
            buyers,
            catalog,
            mock(InFlight.class),
            mock(RateLimits.class),
            mock(QueueGateway.class),
            mock(JoinAnswers.class),
            JsonMapper.builder().build(),
            new SimpleMeterRegistry());

    FastJoinRouteTest() {
        Jwt buyer = Jwt.withTokenValue("known")
                .header("alg", "HS256")
                .subject("b1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600))
                .build();
        when(buyers.buyer("Bearer known")).thenReturn(Optional.of(buyer));
        when(buyers.buyer("Bearer unknown")).thenReturn(Optional.empty());
        when(catalog.index("E1")).thenReturn(Optional.of(mock(EventIndex.class)));
        when(catalog.index("E2")).thenReturn(Optional.empty());
        when(catalog.index("E3")).thenThrow(new StoreUnavailableException("the reservation state is REBALANCING"));
    }

    @Test
    void aJoinWhileTheCatalogIsRestoringIsLeftToTheFullStackNotThrownAtNetty() {
        // Thrown in Reactor Netty's route predicate, it was answered a bare 500 after every restart.
        assertThat(route.accept(HttpMethod.POST, "/api/events/E3/queue", join()))
                .isEmpty();
    }

    @Test
    void aBuyersJoinOfAKnownEventIsTakenHere() {
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue", join()))
                .get()
                .isEqualTo(new FastJoinRoute.Joining("E1", "b1"));
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue", join().set("Content-Length", "0")))
                .isPresent();
    }

    @Test
    void everythingElseIsLeftToTheFullStack() {
        assertThat(route.accept(HttpMethod.GET, "/api/events/E1/queue", join())).isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E2/queue", join()))
                .as("unknown event")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue", join().set("Authorization", "Bearer unknown")))
                .as("a token the verifier does not accept at once")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue?x", join()))
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue/t1", join()))
                .as("a leave or status")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue", join().set("Content-Length", "12")))
                .as("a body: the body limit's to judge")
                .isEmpty();
        assertThat(route.accept(HttpMethod.POST, "/api/events/E1/queue", join().set("Transfer-Encoding", "chunked")))
                .isEmpty();
    }

    private static HttpHeaders join() {
        return new DefaultHttpHeaders(false).set("Authorization", "Bearer known");
    }
}
