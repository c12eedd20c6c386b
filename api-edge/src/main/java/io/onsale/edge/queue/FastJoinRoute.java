package io.onsale.edge.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.limits.InFlight;
import io.onsale.edge.limits.RateLimits;
import io.onsale.edge.platform.FastAnswers;
import io.onsale.edge.platform.FastPaths;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.ProblemHandling;
import io.onsale.edge.security.VerifiedBuyers;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A buyer's join ({@code POST /api/events/{eventId}/queue}) taken by Reactor Netty itself, ahead of WebFlux, like the
 * hold (ADR 0011): at the opening every buyer joins once, all within seconds, and the framework around a join was most
 * of its cost. Taken here only for a buyer's token the verifier accepts ({@link VerifiedBuyers}) and a known event;
 * anything else goes to WebFlux. Then, in the full stack's order: the in-flight bound of joins ({@link InFlight}), the
 * buyer's join bucket ({@link RateLimits}), and the same gateway and answers as {@link QueueController#join}.
 * Counted in {@code onsale.edge.fast.joins{status}}.
 */
@Component
class FastJoinRoute implements NettyRouteProvider {

    private static final Logger log = LoggerFactory.getLogger(FastJoinRoute.class);
    private static final String SUFFIX = "/queue";

    private final VerifiedBuyers buyers;
    private final EventCatalog catalog;
    private final InFlight inFlight;
    private final RateLimits limits;
    private final QueueGateway gateway;
    private final JoinAnswers joinAnswers;
    private final FastAnswers answers;
    private final MeterRegistry meters;
    private final Map<Integer, Counter> answered = new ConcurrentHashMap<>();
    /** Condition and handler run back to back on the connection's event loop (see {@code FastReadRoutes}). */
    private final ThreadLocal<Joining> found = new ThreadLocal<>();

    record Joining(String eventId, String buyerId) {}

    FastJoinRoute(
            VerifiedBuyers buyers,
            EventCatalog catalog,
            InFlight inFlight,
            RateLimits limits,
            QueueGateway gateway,
            JoinAnswers joinAnswers,
            JsonMapper json,
            MeterRegistry meters) {
        this.buyers = buyers;
        this.catalog = catalog;
        this.inFlight = inFlight;
        this.limits = limits;
        this.gateway = gateway;
        this.joinAnswers = joinAnswers;
        this.answers = new FastAnswers(json);
        this.meters = meters;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::answerable, this::join);
    }

    private boolean answerable(HttpServerRequest request) {
        Optional<Joining> joining = accept(request.method(), request.uri(), request.requestHeaders());
        joining.ifPresent(found::set);
        return joining.isPresent();
    }

    /** The join to take here, or empty to leave the request to the full stack. Reads headers only; spends nothing. */
    Optional<Joining> accept(HttpMethod method, String uri, HttpHeaders headers) {
        return FastPaths.orFullStack(() -> choose(method, uri, headers));
    }

    private Optional<Joining> choose(HttpMethod method, String uri, HttpHeaders headers) {
        if (!HttpMethod.POST.equals(method)) {
            return Optional.empty();
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || length != null && !"0".equals(length.trim())) {
            return Optional.empty(); // a join has no body; one that sends some meets the body limit the full way
        }
        String eventId = FastPaths.eventIdOf(uri, SUFFIX);
        if (eventId == null) {
            return Optional.empty();
        }
        Optional<Jwt> buyer = buyers.buyer(headers.get(HttpHeaderNames.AUTHORIZATION));
        if (buyer.isEmpty() || catalog.index(eventId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Joining(eventId, buyer.get().getSubject()));
    }

    private Publisher<Void> join(HttpServerRequest request, HttpServerResponse response) {
        Joining joining = found.get();
        found.remove();
        String path = request.uri();
        if (!inFlight.enter(InFlight.Route.QUEUE_JOINS)) {
            return problem(response, path, inFlight.overloaded());
        }
        Optional<ApiProblem> limited = limits.queueJoin(joining.buyerId());
        if (limited.isPresent()) {
            inFlight.leave(InFlight.Route.QUEUE_JOINS);
            return problem(response, path, limited.get());
        }
        return gateway.join(joining.eventId(), joining.buyerId())
                .map(answer -> QueueController.joinAnswer(answer, joinAnswers))
                .flatMap(entity -> {
                    count(entity.getStatusCode().value());
                    return answers.entity(response, entity, Map.of());
                })
                .onErrorResume(ApiProblem.class, refused -> problem(response, path, refused))
                .onErrorResume(AbortedException.class, gone -> {
                    // The client gave up (a timeout of its own) before its answer: nothing failed here (as
                    // ProblemHandling).
                    log.debug("the client closed its connection before the answer: {}", gone.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(error -> {
                    log.error("unexpected failure taking a join", error);
                    return problem(response, path, ProblemHandling.internalError());
                })
                .doFinally(signal -> inFlight.leave(InFlight.Route.QUEUE_JOINS));
    }

    private Mono<Void> problem(HttpServerResponse response, String path, ApiProblem problem) {
        count(problem.status().value());
        return answers.problem(response, path, problem, Map.of());
    }

    private void count(int status) {
        answered.computeIfAbsent(
                        status,
                        code -> Counter.builder("onsale.edge.fast.joins")
                                .description("Waiting-room joins taken before WebFlux (not in http.server.requests)")
                                .tag("status", Integer.toString(code))
                                .register(meters))
                .increment();
    }
}
