package io.onsale.edge.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.problem.ApiProblem;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
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
 * back. Counted in {@code onsale.edge.shed} (tag {@code route}).
 */
class InFlightLimitFilter implements WebFilter, Ordered {

    /** Before the anonymous limit (-200) and Spring Security (-100): the cheapest refusal first. */
    static final int ORDER = -300;

    /** A kind of request with its own bound. */
    enum Route { ORDERS, QUEUE_JOINS, READS }

    private final InFlightSettings settings;
    private final JsonMapper json;
    private final AtomicInteger[] inFlight = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private final Counter[] shed;

    InFlightLimitFilter(InFlightSettings settings, JsonMapper json, MeterRegistry meters) {
        this.settings = settings;
        this.json = json;
        this.shed = new Counter[Route.values().length];
        for (Route route : Route.values()) {
            shed[route.ordinal()] = meters.counter("onsale.edge.shed", "route", route.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Route route = routeOf(exchange.getRequest().getMethod(), exchange.getRequest().getPath().pathWithinApplication().value());
        if (route == null) {
            return chain.filter(exchange);
        }
        AtomicInteger working = inFlight[route.ordinal()];
        if (working.incrementAndGet() > limitOf(route)) {
            working.decrementAndGet();
            shed[route.ordinal()].increment();
            return BuyerRateLimitFilter.refuse(exchange, json, new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                    "Service busy", "This instance is answering as many such requests as it can; try again in "
                    + settings.retryAfterSeconds() + " s.").with("retryAfterSeconds", settings.retryAfterSeconds()));
        }
        return chain.filter(exchange).doFinally(signal -> working.decrementAndGet());
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

    private int limitOf(Route route) {
        return switch (route) {
            case ORDERS -> settings.orders();
            case QUEUE_JOINS -> settings.queueJoins();
            case READS -> settings.reads();
        };
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
