package io.onsale.edge.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.onsale.edge.platform.FastRead.FastAnswer;
import io.onsale.edge.security.VerifiedBuyers;
import java.util.ArrayList;
import java.util.List;
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
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Buyers' hot reads answered by Reactor Netty itself, ahead of WebFlux and its filter chains. Under load the edge's
 * event loops spent some 0.3 ms of cpu on each seat-map read, almost all of it in the framework (security filters,
 * handler mapping, argument resolution, result handling: docs/benchmarks/log/2026-12-03-session-6-fast-reads.md,
 * "fast reads"), to return bytes it already had. A read is answered here only when everything the full stack would
 * check is known to hold without doing work: the caller's bearer token was accepted by the security chain before
 * ({@link VerifiedBuyers}: a buyer, not expired), buyers' reads are not rate limited, and a {@link FastRead} has a
 * fresh answer in memory. Anything else (a first request, a query string, an escaped path, an organizer, no fresh copy,
 * an error) goes on to WebFlux unchanged, and the answer is the same either way: same body, same headers.
 */
@Component
class FastReadRoutes implements NettyRouteProvider {

    private static final String API = "/api/";
    private static final Logger log = LoggerFactory.getLogger(FastReadRoutes.class);

    private final List<FastRead> reads;
    private final VerifiedBuyers buyers;
    private final MeterRegistry meters;
    private final Map<String, Counter> served = new ConcurrentHashMap<>();
    /**
     * The answer the route's condition found, handed to its handler. Reactor Netty runs the two back to back on the
     * connection's event loop (condition true, then handler), so a thread-local is exact here and saves a second
     * lookup that could, in between, find the copy gone stale.
     */
    private final ThreadLocal<FastAnswer> found = new ThreadLocal<>();

    FastReadRoutes(List<FastRead> reads, VerifiedBuyers buyers, MeterRegistry meters) {
        this.reads = List.copyOf(reads);
        this.buyers = buyers;
        this.meters = meters;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::answerable, this::send);
    }

    boolean answerable(HttpServerRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return false;
        }
        Optional<FastAnswer> answer =
                answer(request.uri(), request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
        answer.ifPresent(found::set);
        return answer.isPresent();
    }

    /** The fast answer to {@code GET uri} with this {@code Authorization} header, if there is one. */
    Optional<FastAnswer> answer(String uri, String authorization) {
        List<String> segments = segments(uri);
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Optional<Jwt> buyer = buyers.buyer(authorization);
        if (buyer.isEmpty()) {
            return Optional.empty();
        }
        for (FastRead read : reads) {
            Optional<FastAnswer> answer;
            try {
                answer = read.answer(segments, buyer.get());
            } catch (RuntimeException e) {
                // A read that fails here is answered by the full stack, which reports its error as it always does.
                log.debug("fast read of {} failed; left to the full stack", uri, e);
                return Optional.empty();
            }
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Publisher<Void> send(HttpServerRequest request, HttpServerResponse response) {
        FastAnswer answer = found.get();
        found.remove();
        served.computeIfAbsent(
                        answer.route(),
                        route -> Counter.builder("onsale.edge.fast.reads")
                                .description("Reads answered from memory before WebFlux (not in http.server.requests)")
                                .tag("route", route)
                                .register(meters))
                .increment();
        response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.json().length));
        if (answer.noStore()) {
            response.header(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        EdgeHeaders.secured(response, answer.noStore());
        return response.sendByteArray(Mono.just(answer.json()));
    }

    /**
     * The path's segments after {@code /api/} (e.g. {@code [events, E1, sections, A, seats]}), or none when the
     * request is not one to try here: outside the API, with a query or fragment, escaped characters or empty segments.
     */
    static List<String> segments(String uri) {
        if (uri == null
                || !uri.startsWith(API)
                || uri.indexOf('?') >= 0
                || uri.indexOf('#') >= 0
                || uri.indexOf('%') >= 0) {
            return List.of();
        }
        List<String> segments = new ArrayList<>(6);
        int start = API.length();
        while (start <= uri.length()) {
            int end = uri.indexOf('/', start);
            if (end < 0) {
                end = uri.length();
            }
            if (end == start) {
                return List.of();
            }
            segments.add(uri.substring(start, end));
            start = end + 1;
        }
        return segments;
    }
}
