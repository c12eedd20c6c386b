package io.onsale.edge.problem;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** For web filters, which answer before any controller advice could: the same problem+json body as {@link ProblemHandling}. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ApiProblem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory()
                .wrap(json.writeValueAsBytes(
                        body(problem, exchange.getRequest().getPath().value())))));
    }

    /** The problem's body as the full stack writes it, for an answer to a request for {@code path}. */
    public static Map<String, Object> body(ApiProblem problem, String path) {
        ProblemDetail detail = problem.toProblemDetail();
        Map<String, Object> body = Problems.body(
                problem.status(),
                detail.getType().toString().substring(Problems.TYPE_PREFIX.length()),
                detail.getTitle(),
                problem.getMessage(),
                path);
        if (detail.getProperties() != null) {
            body.putAll(detail.getProperties());
        }
        return body;
    }
}
