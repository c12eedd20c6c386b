package io.onsale.edge.limits;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The write endpoints limited per buyer: each produces to Kafka (or calls the payment gateway) on every call. */
enum LimitedEndpoint {

    ORDERS("orders", "/api/events/{eventId}/orders", "order requests"),
    QUEUE_JOIN("queue-join", "/api/events/{eventId}/queue", "waiting-room joins"),
    PAYMENT("payment", "/api/orders/{orderId}/payment", "payment attempts");

    private final String tag;
    private final PathPattern path;
    private final String what;

    LimitedEndpoint(String tag, String path, String what) {
        this.tag = tag;
        this.path = PathPatternParser.defaultInstance.parse(path);
        this.what = what;
    }

    static Optional<LimitedEndpoint> of(HttpMethod method, PathContainer path) {
        if (method != HttpMethod.POST) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(endpoint -> endpoint.path.matches(path)).findFirst();
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
            case ORDERS -> settings.orders();
            case QUEUE_JOIN -> settings.queueJoin();
            case PAYMENT -> settings.payment();
        };
    }
}
