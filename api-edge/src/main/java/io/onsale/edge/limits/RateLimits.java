package io.onsale.edge.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.problem.ApiProblem;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.http.HttpStatus;

/**
 * Per-buyer buckets of each write endpoint and per-address buckets of unauthenticated traffic. A refusal is a 429
 * problem naming the limit, with {@code retryAfterSeconds} (also sent as {@code Retry-After}), counted as
 * {@code onsale.edge.refused{limit=rate, endpoint=…}}.
 */
public class RateLimits {

    static final String ANONYMOUS = "anonymous";

    private final Map<LimitedEndpoint, Buckets> buyers = new EnumMap<>(LimitedEndpoint.class);
    private final Buckets anonymous;
    private final LongSupplier nanoTime;
    private final MeterRegistry meters;

    RateLimits(LimitSettings settings, LongSupplier nanoTime, MeterRegistry meters) {
        for (LimitedEndpoint endpoint : LimitedEndpoint.values()) {
            buyers.put(endpoint, new Buckets(endpoint.rateIn(settings), settings.maxBuckets()));
        }
        this.anonymous = new Buckets(settings.anonymous(), settings.maxBuckets());
        this.nanoTime = nanoTime;
        this.meters = meters;
    }

    Optional<ApiProblem> buyer(LimitedEndpoint endpoint, String buyerId) {
        Buckets buckets = buyers.get(endpoint);
        long wait = buckets.take(buyerId, nanoTime.getAsLong());
        return wait == 0
                ? Optional.empty()
                : Optional.of(refused(
                        endpoint.tag(),
                        wait,
                        "Too many " + endpoint.what() + " from you: at most "
                                + buckets.rate().describe() + "."));
    }

    /** A buyer's order ({@code POST /api/events/{eventId}/orders}): the same bucket whichever way the request came in. */
    public Optional<ApiProblem> order(String buyerId) {
        return buyer(LimitedEndpoint.ORDERS, buyerId);
    }

    /** A buyer's join of a waiting room ({@code POST /api/events/{eventId}/queue}), whichever way it came in. */
    public Optional<ApiProblem> queueJoin(String buyerId) {
        return buyer(LimitedEndpoint.QUEUE_JOIN, buyerId);
    }

    /** For traffic without a valid token, keyed by {@link ClientAddress}. */
    public Optional<ApiProblem> anonymous(String clientAddress) {
        long wait = anonymous.take(clientAddress, nanoTime.getAsLong());
        return wait == 0
                ? Optional.empty()
                : Optional.of(refused(
                        ANONYMOUS,
                        wait,
                        "Too many requests without a valid token from your address: at most "
                                + anonymous.rate().describe() + "."));
    }

    private ApiProblem refused(String endpoint, long waitNanos, String detail) {
        Counter.builder("onsale.edge.refused")
                .description("Requests refused by a rate or body limit")
                .tag("limit", "rate")
                .tag("endpoint", endpoint)
                .register(meters)
                .increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        return new ApiProblem(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate-limited",
                        "Too many requests",
                        detail + " Try again in " + seconds + " s.")
                .with("limit", endpoint)
                .with("retryAfterSeconds", seconds);
    }
}
