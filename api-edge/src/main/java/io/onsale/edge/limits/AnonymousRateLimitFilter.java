package io.onsale.edge.limits;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits requests that carry no token, per client address, before Spring Security spends anything on them (the
 * docs, metrics scrapes, anonymous probing). Requests with a token that turns out invalid are charged to the same
 * bucket by the security entry point ({@code security/SecurityConfig}); requests with a valid token never are.
 * Health probes are exempt: a refused readiness probe would take a healthy instance out of rotation.
 */
class AnonymousRateLimitFilter implements WebFilter, Ordered {

    /** Before Spring Security's chain (-100). */
    static final int ORDER = -200;

    private final RateLimits limits;
    private final JsonMapper json;

    AnonymousRateLimitFilter(RateLimits limits, JsonMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || exchange.getRequest()
                        .getPath()
                        .pathWithinApplication()
                        .value()
                        .startsWith("/actuator/health")) {
            return chain.filter(exchange);
        }
        return limits.anonymous(ClientAddress.of(exchange.getRequest()))
                .map(problem -> BuyerRateLimitFilter.refuse(exchange, json, problem))
                .orElseGet(() -> chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
