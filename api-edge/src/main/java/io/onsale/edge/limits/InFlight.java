package io.onsale.edge.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.problem.ApiProblem;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;

/**
 * The bound on requests of each hot kind worked on at once, shared by every way a request enters the edge (the WebFlux
 * filter and the routes served before WebFlux), so one bound holds whichever way a request takes. Counted in
 * {@code onsale.edge.shed} (tag {@code route}).
 */
public final class InFlight {

    /** A kind of request with its own bound. */
    public enum Route {
        ORDERS,
        QUEUE_JOINS,
        READS
    }

    private final InFlightSettings settings;
    private final AtomicInteger[] working = new AtomicInteger[Route.values().length];
    private final Counter[] shed = new Counter[Route.values().length];

    InFlight(InFlightSettings settings, MeterRegistry meters) {
        this.settings = settings;
        for (Route route : Route.values()) {
            working[route.ordinal()] = new AtomicInteger();
            shed[route.ordinal()] =
                    meters.counter("onsale.edge.shed", "route", route.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Takes a place for a request of this kind; false (and counted as shed) when all are taken. */
    public boolean enter(Route route) {
        AtomicInteger count = working[route.ordinal()];
        if (count.incrementAndGet() > limitOf(route)) {
            count.decrementAndGet();
            shed[route.ordinal()].increment();
            return false;
        }
        return true;
    }

    /** Gives back the place {@link #enter} took, once the request is answered (or abandoned). */
    public void leave(Route route) {
        working[route.ordinal()].decrementAndGet();
    }

    /** The answer to a request shed by {@link #enter}: 503 with when to come back. */
    public ApiProblem overloaded() {
        return new ApiProblem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "overloaded",
                        "Service busy",
                        "This instance is answering as many such requests as it can; try again in "
                                + settings.retryAfterSeconds() + " s.")
                .with("retryAfterSeconds", settings.retryAfterSeconds());
    }

    private int limitOf(Route route) {
        return switch (route) {
            case ORDERS -> settings.orders();
            case QUEUE_JOINS -> settings.queueJoins();
            case READS -> settings.reads();
        };
    }
}
