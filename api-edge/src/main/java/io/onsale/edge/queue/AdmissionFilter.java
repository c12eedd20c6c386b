package io.onsale.edge.queue;

import io.onsale.edge.platform.EdgeHeaders;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.ProblemResponses;
import java.security.Principal;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enforces admission before an order reaches the order controller, so nothing is produced for a refused order:
 * {@code POST /api/events/{eventId}/orders} with the header {@code Admission-Token}, checked by {@link AdmissionCheck}
 * against the event's mode in the local {@link QueueProgressView}. Runs after Spring Security (lowest precedence),
 * so the buyer is the authenticated token's subject. Until the view has read what was committed before this instance
 * started, orders are answered 503 (fail closed) rather than let through as if no room were active. A keyed order
 * whose token's window has ended goes on marked as {@link LapsedAdmission}: it may retry an order placed in time.
 */
class AdmissionFilter implements WebFilter, Ordered {

    private static final PathPattern ORDERS = PathPatternParser.defaultInstance.parse("/api/events/{eventId}/orders");

    private final AdmissionCheck check;
    private final QueueProgressView view;
    private final JsonMapper json;
    private final Clock clock;

    AdmissionFilter(AdmissionCheck check, QueueProgressView view, JsonMapper json, Clock clock) {
        this.check = check;
        this.view = view;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        PathPattern.PathMatchInfo match =
                ORDERS.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        if (match == null) {
            return chain.filter(exchange);
        }
        String eventId = match.getUriVariables().get("eventId");
        if (!view.caughtUp()) {
            // Fail closed: until the rooms' progress is read, "no room" could be a room not read yet.
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return refuse(
                    exchange,
                    new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "state-unavailable",
                            "Try again shortly",
                            "This instance is still reading the waiting rooms' progress; try again shortly."));
        }
        if (!AdmissionCheck.queueActive(view.progress(eventId))) {
            return chain.filter(exchange);
        }
        // No principal: Spring Security has already refused the request, so there is nothing to check here.
        return exchange.getPrincipal()
                .map(Principal::getName)
                .defaultIfEmpty("")
                .flatMap(buyer -> buyer.isEmpty()
                        ? chain.filter(exchange)
                        : check.refusal(
                                        view.progress(eventId),
                                        view::givenUp,
                                        eventId,
                                        buyer,
                                        exchange.getRequest().getHeaders().getFirst(EdgeHeaders.ADMISSION_TOKEN),
                                        clock.instant())
                                .map(refused -> mayRetry(exchange, refused)
                                        ? retry(exchange, chain, refused)
                                        : refuse(exchange, refused.problem()))
                                .orElseGet(() -> chain.filter(exchange)));
    }

    /** Only a keyed request can be a retry; the order endpoint then answers it from what was placed, or refuses. */
    private static boolean mayRetry(ServerWebExchange exchange, AdmissionCheck.Refused refused) {
        String key = exchange.getRequest().getHeaders().getFirst(EdgeHeaders.IDEMPOTENCY_KEY);
        return refused.windowEnded() && key != null && !key.isBlank();
    }

    private static Mono<Void> retry(ServerWebExchange exchange, WebFilterChain chain, AdmissionCheck.Refused refused) {
        LapsedAdmission.mark(exchange, refused.problem());
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, ApiProblem problem) {
        return ProblemResponses.write(exchange, json, problem);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
