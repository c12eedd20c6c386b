package io.onsale.edge.buyer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.limits.InFlight;
import io.onsale.edge.limits.LimitSettings;
import io.onsale.edge.limits.RateLimits;
import io.onsale.edge.platform.AnswerTiming;
import io.onsale.edge.platform.EdgeHeaders;
import io.onsale.edge.platform.FastAnswers;
import io.onsale.edge.platform.FastPaths;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.ProblemHandling;
import io.onsale.edge.queue.OrderAdmission;
import io.onsale.edge.security.VerifiedBuyers;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A buyer's hold ({@code POST /api/events/{eventId}/orders}) taken by Reactor Netty itself, ahead of WebFlux, as the
 * hot reads are (ADR 0010, ADR 0011). Under saturation a hold cost ~1.4 ms of the edge's cpu, of which ~0.6 ms was the
 * framework around a body of a hundred bytes: security filters, handler mapping, argument resolution, result handling.
 * <p>
 * An order is taken here only when everything the full stack checks before its controller is known to pass without
 * a word to say: a token the security chain accepted before ({@link VerifiedBuyers}), a JSON body of declared length
 * within the limit, a valid {@code Idempotency-Key} or none, a known event, and an admission the waiting room accepts
 * as it is ({@link OrderAdmission}). Anything else (a first request, a missing or lapsed admission, an unknown event,
 * a chunked body) goes to WebFlux, which answers it as always. The checks that consume something run here in the
 * full stack's order: the in-flight bound ({@link InFlight}), then the buyer's bucket ({@link RateLimits}); then the
 * same placement and gateway as {@link OrderController}, and the same answers, headers and problem bodies.
 * Counted in {@code onsale.edge.fast.orders{status}} (these answers are not in {@code http.server.requests}).
 */
@Component
class FastOrderRoute implements NettyRouteProvider {

    private static final Logger log = LoggerFactory.getLogger(FastOrderRoute.class);
    private static final String SUFFIX = "/orders";

    /** An order the route takes: everything the full stack would have checked before its controller, passed. */
    record Accepted(String eventId, EventIndex event, Jwt buyer, String idempotencyKey) {}

    private final VerifiedBuyers buyers;
    private final EventCatalog catalog;
    private final OrderAdmission admission;
    private final InFlight inFlight;
    private final RateLimits limits;
    private final long maxBody;
    private final OrderGateway orders;
    private final RecentOrders recent;
    private final JsonMapper json;
    private final FastAnswers answers;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Integer, Counter> answered = new ConcurrentHashMap<>();
    private final Counter replayed;
    /** Condition and handler run back to back on the connection's event loop (see {@code FastReadRoutes}). */
    private final ThreadLocal<Accepted> found = new ThreadLocal<>();

    FastOrderRoute(
            VerifiedBuyers buyers,
            EventCatalog catalog,
            OrderAdmission admission,
            InFlight inFlight,
            RateLimits limits,
            LimitSettings limitSettings,
            OrderGateway orders,
            RecentOrders recent,
            JsonMapper json,
            MeterRegistry meters,
            Clock clock) {
        this.buyers = buyers;
        this.catalog = catalog;
        this.admission = admission;
        this.inFlight = inFlight;
        this.limits = limits;
        this.maxBody = limitSettings.body().toBytes();
        this.orders = orders;
        this.recent = recent;
        this.json = json;
        this.answers = new FastAnswers(json);
        this.meters = meters;
        this.clock = clock;
        this.replayed = Counter.builder("onsale.edge.orders.replayed")
                .description("Keyed order retries answered with their committed decision, nothing produced")
                .register(meters);
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::answerable, this::place);
    }

    private boolean answerable(HttpServerRequest request) {
        Optional<Accepted> accepted = accept(request.method(), request.uri(), request.requestHeaders());
        accepted.ifPresent(found::set);
        return accepted.isPresent();
    }

    /** The order to take here, or empty to leave the request to the full stack. Reads headers only; spends nothing. */
    Optional<Accepted> accept(HttpMethod method, String uri, HttpHeaders headers) {
        return FastPaths.orFullStack(() -> choose(method, uri, headers));
    }

    private Optional<Accepted> choose(HttpMethod method, String uri, HttpHeaders headers) {
        if (!HttpMethod.POST.equals(method)) {
            return Optional.empty();
        }
        String eventId = FastPaths.eventIdOf(uri, SUFFIX);
        if (eventId == null || !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
            return Optional.empty();
        }
        long length = contentLength(headers.get(HttpHeaderNames.CONTENT_LENGTH));
        if (length < 1 || length > maxBody) {
            return Optional.empty(); // none, chunked, empty or too large: the full stack says which
        }
        String key = headers.get(EdgeHeaders.IDEMPOTENCY_KEY);
        if (headers.getAll(EdgeHeaders.IDEMPOTENCY_KEY).size() > 1 || key != null && !OrderController.validKey(key)) {
            return Optional.empty();
        }
        Optional<Jwt> buyer = buyers.buyer(headers.get(HttpHeaderNames.AUTHORIZATION));
        if (buyer.isEmpty()) {
            return Optional.empty();
        }
        Optional<EventIndex> event = catalog.index(eventId);
        if (event.isEmpty()
                || !admission.admits(eventId, buyer.get().getSubject(), headers.get(EdgeHeaders.ADMISSION_TOKEN))) {
            return Optional.empty();
        }
        return Optional.of(new Accepted(eventId, event.get(), buyer.get(), key));
    }

    private Publisher<Void> place(HttpServerRequest request, HttpServerResponse response) {
        Accepted order = found.get();
        found.remove();
        String path = request.uri();
        String buyerId = order.buyer().getSubject();
        // A keyed retry of an order already decided is answered with that committed decision, without a place among
        // the requests in progress: under overload a hold decided after its 202 was otherwise shed 503 on each retry
        // until the buyer gave up, and stayed held for nobody (the large preset:
        // docs/benchmarks/log/2026-12-03-session-7-holds-before-webflux.md).
        boolean decided = decided(order, buyerId).isPresent();
        if (!decided && !inFlight.enter(InFlight.Route.ORDERS)) {
            return problem(response, path, inFlight.overloaded(), Map.of());
        }
        Optional<ApiProblem> limited = limits.order(buyerId);
        if (limited.isPresent()) {
            if (!decided) {
                inFlight.leave(InFlight.Route.ORDERS);
            }
            return problem(response, path, limited.get(), Map.of());
        }
        return request.receive()
                .aggregate()
                .asByteArray()
                .switchIfEmpty(Mono.error(() -> ProblemHandling.malformed("No request body")))
                .flatMap(body -> {
                    OrderPlacement placement = OrderPlacement.resolve(order.event(), read(body));
                    Optional<OrderGateway.Outcome> known = decided(order, buyerId);
                    if (known.isPresent()) {
                        replayed.increment();
                        return Mono.just(known.get());
                    }
                    return orders.place(order.eventId(), buyerId, order.idempotencyKey(), placement);
                })
                .flatMap(outcome -> answer(response, path, outcome, order.event()))
                .onErrorResume(ApiProblem.class, refused -> problem(response, path, refused, Map.of()))
                .onErrorResume(AbortedException.class, gone -> {
                    // The client gave up (a timeout of its own) before its answer: nothing failed here (as
                    // ProblemHandling).
                    log.debug("the client closed its connection before the answer: {}", gone.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(error -> {
                    log.error("unexpected failure taking an order", error);
                    return problem(response, path, ProblemHandling.internalError(), Map.of());
                })
                .doFinally(signal -> {
                    if (!decided) {
                        inFlight.leave(InFlight.Route.ORDERS);
                    }
                });
    }

    /**
     * The committed answer to this very placement (same buyer, same Idempotency-Key), while it is still the latest
     * answer about its order: what the engine would answer the retry with. Unkeyed orders are new orders every time.
     */
    private Optional<OrderGateway.Outcome> decided(Accepted order, String buyerId) {
        if (order.idempotencyKey() == null) {
            return Optional.empty();
        }
        String requestId = OrderIds.placeRequestId(order.eventId(), buyerId, order.idempotencyKey());
        String orderId = OrderIds.orderIdOf(order.eventId(), requestId);
        return recent.placed(orderId, requestId, buyerId)
                .map(answer -> new OrderGateway.Outcome(requestId, orderId, answer));
    }

    private OrderRequest read(byte[] body) {
        OrderRequest request;
        try {
            request = json.readValue(body, OrderRequest.class);
        } catch (JacksonException e) {
            throw ProblemHandling.malformed(e);
        }
        if (request == null) {
            throw ProblemHandling.malformed("No request body");
        }
        return request;
    }

    private Mono<Void> answer(
            HttpServerResponse response, String path, OrderGateway.Outcome outcome, EventIndex event) {
        // Where this buyer's wait went (bench latency reads it), on a refusal too, as the controller sets it.
        Map<String, String> timing = outcome.timing() == null
                ? Map.of()
                : Map.of(OrderController.SERVER_TIMING, outcome.timing().serverTiming(AnswerTiming.nowMicros()));
        ResponseEntity<Object> entity;
        try {
            entity = outcome.pending()
                    ? OrderAnswers.pending(outcome.orderId())
                    : OrderAnswers.placed(outcome.answer(), event, clock.instant());
        } catch (ApiProblem refused) {
            return problem(response, path, refused, timing);
        }
        count(entity.getStatusCode().value());
        return answers.entity(response, entity, timing);
    }

    private Mono<Void> problem(
            HttpServerResponse response, String path, ApiProblem problem, Map<String, String> extra) {
        count(problem.status().value());
        return answers.problem(response, path, problem, extra);
    }

    private void count(int status) {
        answered.computeIfAbsent(
                        status,
                        code -> Counter.builder("onsale.edge.fast.orders")
                                .description("Orders taken before WebFlux (not in http.server.requests)")
                                .tag("status", Integer.toString(code))
                                .register(meters))
                .increment();
    }

    /** {@code application/json}, in UTF-8: what the full stack's JSON reader would take the same way. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        return type.equals("application/json") || type.equals("application/json;charset=utf-8");
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
