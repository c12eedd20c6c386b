package io.onsale.edge.platform;

import io.onsale.edge.problem.StoreUnavailableException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The paths the routes before WebFlux take: plain ones only, so that anything WebFlux would decode first is its own. */
public final class FastPaths {

    private static final Logger log = LoggerFactory.getLogger(FastPaths.class);
    private static final String EVENTS = "/api/events/";

    private FastPaths() {}

    /**
     * {@code E1} of {@code /api/events/E1<suffix>} (e.g. {@code /orders}); null for anything else: a query, an escape,
     * a path parameter, more or empty segments.
     */
    public static String eventIdOf(String uri, String suffix) {
        if (uri == null || !uri.startsWith(EVENTS) || !uri.endsWith(suffix)) {
            return null;
        }
        String eventId = uri.substring(EVENTS.length(), uri.length() - suffix.length());
        boolean plain = !eventId.isEmpty()
                && eventId.chars().allMatch(c -> c != '/' && c != '?' && c != '#' && c != '%' && c != ';');
        return plain ? eventId : null;
    }

    /**
     * A route's choice whether to take a request, made in Reactor Netty's route predicate, where a thrown exception is
     * answered by Reactor Netty itself: a bare 500 and a stack trace in the log (seen after every restart, while the
     * state was still restoring). State not readable yet leaves the request to the full stack, which answers 503
     * {@code state-unavailable} with Retry-After; anything else too, after logging it, so the full stack answers it.
     */
    public static <T> Optional<T> orFullStack(Supplier<Optional<T>> choice) {
        try {
            return choice.get();
        } catch (StoreUnavailableException notYet) {
            return Optional.empty();
        } catch (RuntimeException unexpected) {
            log.error("a route before WebFlux failed to judge a request; the full stack answers it", unexpected);
            return Optional.empty();
        }
    }
}
