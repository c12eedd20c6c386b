package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.platform.FastRead.FastAnswer;
import io.onsale.edge.security.VerifiedBuyers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** Fast reads on a real Reactor Netty server, with a stand-in for WebFlux as the route after them. */
class FastReadRoutesTest {

    private static final String SEAT_MAP = "{\"eventId\":\"E1\",\"seats\":[]}";

    /** Alice's token was accepted by the security chain before; nobody else's. */
    private final VerifiedBuyers buyers = authorization -> "Bearer alice-token".equals(authorization)
            ? Optional.of(Jwt.withTokenValue("alice-token")
                    .header("alg", "HS256")
                    .subject("alice")
                    .claim("roles", List.of("BUYER"))
                    .issuedAt(Instant.now())
                    .build())
            : Optional.empty();
    /** A fresh copy of section A's map of event E1; a status only for its owner's ticket. */
    private final FastRead seatMaps =
            (segments, buyer) -> segments.equals(List.of("events", "E1", "sections", "A", "seats"))
                    ? Optional.of(new FastAnswer("seat-map", SEAT_MAP.getBytes(StandardCharsets.UTF_8), false))
                    : Optional.empty();

    private final FastRead statuses =
            (segments, buyer) -> segments.equals(List.of("events", "E1", "queue", "t-" + buyer.getSubject()))
                    ? Optional.of(new FastAnswer(
                            "queue-status", "{\"state\":\"WAITING\"}".getBytes(StandardCharsets.UTF_8), true))
                    : Optional.empty();
    private final FastRead broken = (segments, buyer) -> {
        throw new IllegalStateException("a bug in a fast read");
    };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void aKnownBuyersReadOfAFreshCopyIsAnsweredWithTheSecurityHeadersOfTheFullStack() {
        start(new FastReadRoutes(List.of(seatMaps, statuses), buyers, meters));

        Response map = get("/api/events/E1/sections/A/seats", "Bearer alice-token");
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.body()).isEqualTo(SEAT_MAP);
        assertThat(map.headers())
                .containsEntry("content-type", "application/json")
                .containsEntry("content-length", Integer.toString(SEAT_MAP.length()))
                .containsEntry("cache-control", "no-cache, no-store, max-age=0, must-revalidate")
                .containsEntry("pragma", "no-cache")
                .containsEntry("expires", "0")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("x-frame-options", "DENY")
                .containsEntry("x-xss-protection", "0")
                .containsEntry("referrer-policy", "no-referrer");

        Response status = get("/api/events/E1/queue/t-alice", "Bearer alice-token");
        assertThat(status.body()).isEqualTo("{\"state\":\"WAITING\"}");
        assertThat(status.headers()).containsEntry("cache-control", "no-store").doesNotContainKey("pragma");

        assertThat(meters.counter("onsale.edge.fast.reads", "route", "seat-map").count())
                .isEqualTo(1);
        assertThat(meters.counter("onsale.edge.fast.reads", "route", "queue-status")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void everythingElseGoesOnToTheFullStack() {
        start(new FastReadRoutes(List.of(seatMaps, statuses), buyers, meters));

        assertThat(get("/api/events/E1/sections/A/seats", null).body())
                .as("no token")
                .isEqualTo("full stack");
        assertThat(get("/api/events/E1/sections/A/seats", "Bearer mallory-token")
                        .body())
                .as("a token not accepted yet")
                .isEqualTo("full stack");
        assertThat(get("/api/events/E1/sections/B/seats", "Bearer alice-token").body())
                .as("no fresh copy")
                .isEqualTo("full stack");
        assertThat(get("/api/events/E1/queue/t-bob", "Bearer alice-token").body())
                .as("not her ticket")
                .isEqualTo("full stack");
        assertThat(get("/api/events/E1/sections/A/seats?x=1", "Bearer alice-token")
                        .body())
                .as("a query")
                .isEqualTo("full stack");
        assertThat(get("/api/events/E%31/sections/A/seats", "Bearer alice-token")
                        .body())
                .as("escaped")
                .isEqualTo("full stack");
        assertThat(meters.find("onsale.edge.fast.reads").counters()).isEmpty();
    }

    @Test
    void aReadThatFailsIsLeftToTheFullStackAndTheNextReadsStillWork() {
        start(new FastReadRoutes(List.of(broken, seatMaps), buyers, meters));

        assertThat(get("/api/events/E1/sections/A/seats", "Bearer alice-token").body())
                .isEqualTo("full stack");
    }

    @Test
    void onlyApiPathsWithPlainNonEmptySegmentsAreTried() {
        assertThat(FastReadRoutes.segments("/api/events/E1/sections/A/seats"))
                .containsExactly("events", "E1", "sections", "A", "seats");
        assertThat(FastReadRoutes.segments("/api/events/E1")).containsExactly("events", "E1");
        assertThat(FastReadRoutes.segments("/api/events//seats")).isEmpty();
        assertThat(FastReadRoutes.segments("/api/events/E1/")).isEmpty();
        assertThat(FastReadRoutes.segments("/api/")).isEmpty();
        assertThat(FastReadRoutes.segments("/buy.html")).isEmpty();
        assertThat(FastReadRoutes.segments("/api/events/E1#top")).isEmpty();
        assertThat(FastReadRoutes.segments(null)).isEmpty();
    }

    private record Response(int status, Map<String, String> headers, String body) {}

    private void start(FastReadRoutes fast) {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> fast.apply(routes)
                        .route(
                                request -> true,
                                (request, response) -> response.status(299).sendString(Mono.just("full stack"))))
                .bindNow();
    }

    private Response get(String path, String authorization) {
        return HttpClient.create()
                .host("127.0.0.1")
                .port(server.port())
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                })
                .get()
                .uri(path)
                .responseSingle((response, body) -> body.asString()
                        .defaultIfEmpty("")
                        .map(text -> {
                            Map<String, String> headers = new java.util.TreeMap<>();
                            response.responseHeaders()
                                    .forEach(header ->
                                            headers.put(header.getKey().toLowerCase(), header.getValue()));
                            return new Response(response.status().code(), headers, text);
                        }))
                .block();
    }
}
