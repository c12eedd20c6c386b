package io.onsale.edge.limits;

import io.onsale.edge.limits.InFlight.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sheds load instead of drowning: at most {@link InFlightSettings} requests of each hot kind are worked on at once;
 * the next is answered 503 {@code overloaded} with {@code Retry-After} before anything is spent on it (first of all
 * filters: no token check, no body read). A request that waits its turn behind thousands of others times out at the
 * client anyway, after the edge spent its cpu on it; a refusal costs microseconds and tells the client when to come
 * back. The bound itself is {@link InFlight}, shared with the routes served before WebFlux.
 */
class InFlightLimitFilter implements WebFilter, Ordered {

    /** Before the anonymous limit (-200) and Spring Security (-100): the cheapest refusal first. */
    static final int ORDER = -300;

    private final InFlight inFlight;
    private final JsonMapper json;

    InFlightLimitFilter(InFlight inFlight, JsonMapper json) {
        this.inFlight = inFlight;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Route route = routeOf(
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication().value());
        if (route == null) {
            return chain.filter(exchange);
        }
        if (!inFlight.enter(route)) {
            return BuyerRateLimitFilter.refuse(exchange, json, inFlight.overloaded());
        }
        return chain.filter(exchange).doFinally(signal -> inFlight.leave(route));
    }

    /** The hot kinds, by method and path; everything else (SSE streams, organizers, payments, health) is not bounded here. */
    static Route routeOf(HttpMethod method, String path) {
        if (!path.startsWith("/api/events/")) {
            return null;
        }
        if (HttpMethod.POST.equals(method)) {
            if (path.endsWith("/orders")) {
                return Route.ORDERS;
            }
            return path.endsWith("/queue") ? Route.QUEUE_JOINS : null;
        }
        boolean eventPage = path.indexOf('/', "/api/events/".length()) < 0;
        if (HttpMethod.GET.equals(method)
                && (eventPage || path.endsWith("/seats") || path.contains("/queue/") && !path.endsWith("/events"))) {
            return Route.READS;
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
