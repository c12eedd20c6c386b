package io.onsale.edge.limits;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The write endpoints limited per buyer: each produces to Kafka (or calls the payment gateway) on every call. */
enum LimitedEndpoint {
    ORDERS("orders", HttpMethod.POST, "/api/events/{eventId}/orders", "order requests"),
    QUEUE_JOIN("queue-join", HttpMethod.POST, "/api/events/{eventId}/queue", "waiting-room joins"),
    /** Leaving produces a command like joining does, so it shares the join's rate (its own bucket). */
    QUEUE_LEAVE("queue-leave", HttpMethod.DELETE, "/api/events/{eventId}/queue/{ticket}", "waiting-room leaves"),
    PAYMENT("payment", HttpMethod.POST, "/api/orders/{orderId}/payment", "payment attempts"),
    /**
     * A cancel produces a command to the buyer's books as an order does; a buyer cancels at most what it ordered, so it
     * shares the orders' rate (its own bucket: cancelling never eats into ordering).
     */
    CANCEL("cancel", HttpMethod.DELETE, "/api/orders/{orderId}", "order cancels");

    private final String tag;
    private final HttpMethod method;
    private final PathPattern path;
    private final String what;

    LimitedEndpoint(String tag, HttpMethod method, String path, String what) {
        this.tag = tag;
        this.method = method;
        this.path = PathPatternParser.defaultInstance.parse(path);
        this.what = what;
    }

    static Optional<LimitedEndpoint> of(HttpMethod method, PathContainer path) {
        return Arrays.stream(values())
                .filter(endpoint -> endpoint.method.equals(method) && endpoint.path.matches(path))
                .findFirst();
    }

    /** The metrics tag and the key prefix of this endpoint's buckets. */
    String tag() {
        return tag;
    }

    String what() {
        return what;
    }

    Rate rateIn(LimitSettings settings) {
        return switch (this) {
            case ORDERS, CANCEL -> settings.orders();
            case QUEUE_JOIN, QUEUE_LEAVE -> settings.queueJoin();
            case PAYMENT -> settings.payment();
        };
    }
}
