package io.onsale.edge.platform;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.ProblemResponses;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a controller would return (an entity, or a problem it throws) from a route served before WebFlux, with
 * the same status, headers and JSON as the full stack writes it: the controller's own headers, Spring Security's
 * defaults ({@link EdgeHeaders}), {@code application/json} or {@code application/problem+json} bodies from the same
 * mapper and the same problem body as the filters'.
 */
public final class FastAnswers {

    private final JsonMapper json;

    public FastAnswers(JsonMapper json) {
        this.json = json;
    }

    /** @param extra headers the controller sets on the exchange rather than on the entity (e.g. Server-Timing) */
    public Mono<Void> entity(HttpServerResponse response, ResponseEntity<?> entity, Map<String, String> extra) {
        response.status(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        extra.forEach(response::header);
        return send(
                response,
                "application/json",
                json.writeValueAsBytes(entity.getBody()),
                entity.getHeaders().getCacheControl());
    }

    /**
     * A problem that says when to come back ({@code retryAfterSeconds}: a limit's refusal, an overload, an order refused
     * for the holds its buyer gave up) says it in {@code Retry-After} too, as the limit filters and the exception
     * handler write it.
     */
    public Mono<Void> problem(HttpServerResponse response, String path, ApiProblem problem, Map<String, String> extra) {
        Map<String, Object> body = ProblemResponses.body(problem, path);
        response.status(problem.status().value());
        problem.retryAfter().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        extra.forEach(response::header);
        return send(response, "application/problem+json", json.writeValueAsBytes(body), null);
    }

    private static Mono<Void> send(HttpServerResponse response, String contentType, byte[] body, String cacheControl) {
        response.header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        EdgeHeaders.secured(response, cacheControl != null);
        return response.sendByteArray(Mono.just(body)).then();
    }
}
