package io.onsale.edge.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.problem.ApiProblem;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;

/**
 * The status streams (SSE) open on this instance. Each holds a connection for as long as the buyer waits and is worked
 * on at every change of its event's progress, so they are bounded: per buyer (429: one buyer has no use for more than
 * a tab or two) and in all (503). Either refusal names the poll interval as {@code Retry-After}, since polling the
 * status is what the buyer falls back to. Open streams are the gauge {@code onsale.edge.status.streams}; refusals are
 * counted in {@code onsale.edge.refused{limit=streams}} and {@code onsale.edge.shed{route=status_streams}}.
 */
class StatusStreams {

    private final int perBuyer;
    private final int perInstance;
    private final long retryAfterSeconds;
    /** Only buyers with a stream open have an entry: the map is as large as the streams are many. */
    private final Map<String, Integer> byBuyer = new ConcurrentHashMap<>();

    private final AtomicInteger open = new AtomicInteger();
    private final Counter tooMany;
    private final Counter shed;

    StatusStreams(QueueSettings.StreamLimits limits, Duration pollInterval, MeterRegistry meters) {
        this.perBuyer = limits.perBuyer();
        this.perInstance = limits.perInstance();
        this.retryAfterSeconds = Math.max(1, pollInterval.toSeconds());
        this.tooMany = Counter.builder("onsale.edge.refused")
                .description("Requests refused by a rate or body limit")
                .tag("limit", "streams")
                .tag("endpoint", "status-stream")
                .register(meters);
        this.shed = meters.counter("onsale.edge.shed", "route", "status_streams");
        Gauge.builder("onsale.edge.status.streams", open, AtomicInteger::get)
                .description("Status streams (SSE) open on this instance")
                .register(meters);
    }

    /** Takes a place for one more of this buyer's streams, or the problem to answer; a place taken is given back by {@link #close}. */
    Optional<ApiProblem> open(String buyerId) {
        if (byBuyer.merge(buyerId, 1, Integer::sum) > perBuyer) {
            forget(buyerId);
            tooMany.increment();
            return Optional.of(refused(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-streams",
                            "Too many status streams",
                            "You have " + perBuyer
                                    + " status streams open here, the most one buyer may: close one, or poll the "
                                    + "status instead.")
                    .with("limit", "streams"));
        }
        if (open.incrementAndGet() > perInstance) {
            close(buyerId);
            shed.increment();
            return Optional.of(refused(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "overloaded",
                    "Service busy",
                    "This instance streams as many statuses as it can: poll the status instead."));
        }
        return Optional.empty();
    }

    /** A stream ended: completed, failed, or the client went away. */
    void close(String buyerId) {
        open.decrementAndGet();
        forget(buyerId);
    }

    private void forget(String buyerId) {
        byBuyer.computeIfPresent(buyerId, (id, streams) -> streams > 1 ? streams - 1 : null);
    }

    private ApiProblem refused(HttpStatus status, String slug, String title, String detail) {
        return new ApiProblem(status, slug, title, detail + " Try again in " + retryAfterSeconds + " s.")
                .with("retryAfterSeconds", retryAfterSeconds);
    }
}
