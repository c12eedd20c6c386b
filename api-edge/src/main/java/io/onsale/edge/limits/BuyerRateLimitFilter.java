package io.onsale.edge.limits;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.ProblemResponses;
import java.security.Principal;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a buyer's write beyond its bucket before the controller (and the admission check) runs, so nothing is
 * produced for it. Runs after Spring Security: the bucket is the token's subject, never an address, so buyers
 * behind one carrier NAT never share a limit.
 */
class BuyerRateLimitFilter implements WebFilter, Ordered {

    /** After Spring Security's chain (-100), before the admission check (lowest precedence). */
    static final int ORDER = -50;

    private final RateLimits limits;
    private final JsonMapper json;

    BuyerRateLimitFilter(RateLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<LimitedEndpoint> endpoint = LimitedEndpoint.of(
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication());
        if (endpoint.isEmpty()) {
            return chain.filter(exchange);
        }
        // No principal: Spring Security has already refused the request, so there is no buyer to charge.
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(buyer -> limits.buyer(endpoint.get(), buyer))
                .defaultIfEmpty(Optional.empty())
                .flatMap(refusal -> refusal.map(problem -> refuse(exchange, json, problem))
                        .orElseGet(() -> chain.filter(exchange)));
    }

    static Mono<Void> refuse(ServerWebExchange exchange, JsonMapper json, ApiProblem problem) {
        Object seconds = problem.toProblemDetail().getProperties().get("retryAfterSeconds");
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return ProblemResponses.write(exchange, json, problem);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
