package io.onsale.edge.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.ProblemResponses;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One body limit per endpoint, as a 413 problem naming it: a declared {@code Content-Length} above the limit is
 * refused before anything is read (and before authentication is spent on it); a body without one (chunked) is
 * counted as it streams and refused on the byte that crosses the limit. The codecs' own in-memory limit is set to the
 * largest of these (see {@code LimitsWiring}), so this filter is the only place a body size is decided.
 */
class BodyLimitFilter implements WebFilter, Ordered {

    /** Before everything, Spring Security included. */
    static final int ORDER = -300;

    private static final PathPattern EVENT_CONFIG =
            PathPatternParser.defaultInstance.parse("/api/admin/events/{eventId}");
    /** An inventory change may list every seat of a block: it gets the event config's limit, not a buyer's. */
    private static final PathPattern INVENTORY =
            PathPatternParser.defaultInstance.parse("/api/admin/events/{eventId}/inventory");

    private final LimitSettings settings;
    private final JsonMapper json;
    private final MeterRegistry meters;

    BodyLimitFilter(LimitSettings settings, JsonMapper json, MeterRegistry meters) {
        this.settings = settings;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean eventConfig = (request.getMethod() == HttpMethod.PUT
                        && EVENT_CONFIG.matches(request.getPath().pathWithinApplication()))
                || (request.getMethod() == HttpMethod.PATCH
                        && INVENTORY.matches(request.getPath().pathWithinApplication()));
        DataSize limit = eventConfig ? settings.eventConfigBody() : settings.body();
        String endpoint = eventConfig ? "event-config" : "other";
        long declared = request.getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return ProblemResponses.write(exchange, json, tooLarge(endpoint, limit, eventConfig, declared + " bytes"));
        }
        if (declared >= 0) {
            // Netty reads no more than a declared length, so a declared body within the limit needs no counting.
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(new CountedBody(
                        request,
                        limit.toBytes(),
                        () -> tooLarge(endpoint, limit, eventConfig, "more than " + limit.toBytes() + " bytes")))
                .build());
    }

    private ApiProblem tooLarge(String endpoint, DataSize limit, boolean eventConfig, String sent) {
        Counter.builder("onsale.edge.refused")
                .description("Requests refused by a rate or body limit")
                .tag("limit", "body")
                .tag("endpoint", endpoint)
                .register(meters)
                .increment();
        String which = eventConfig ? "An event config" : "This request's body";
        String hint = eventConfig ? " (about 46 bytes of JSON per seat: a 50,000-seat venue is about 2.3 MB)" : "";
        return new ApiProblem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "body-too-large",
                        "Request body too large",
                        which + " may be at most " + limit.toBytes() + " bytes (" + readable(limit) + ")" + hint
                                + "; this one has " + sent + ".")
                .with("maxBytes", limit.toBytes());
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    /** Errors the body with the 413 problem on the buffer that crosses the limit; {@code ProblemHandling} answers it. */
    private static final class CountedBody extends ServerHttpRequestDecorator {

        private final long limit;
        private final java.util.function.Supplier<ApiProblem> problem;

        CountedBody(ServerHttpRequest delegate, long limit, java.util.function.Supplier<ApiProblem> problem) {
            super(delegate);
            this.limit = limit;
            this.problem = problem;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong read = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > limit) {
                    org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                    sink.error(problem.get());
                } else {
                    sink.next(buffer);
                }
            });
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
