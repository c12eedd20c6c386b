package io.onsale.edge.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one client may send ({@code onsale.edge.limits.*}; defaults in {@code application.yaml}).
 *
 * @param orders          per buyer: {@code POST /api/events/{eventId}/orders}; also {@code DELETE /api/orders/{orderId}},
 *                        in a bucket of its own
 * @param queueJoin       per buyer: {@code POST /api/events/{eventId}/queue}
 * @param payment         per buyer: {@code POST /api/orders/{orderId}/payment}
 * @param anonymous       per client address: every request without a bearer token, and every refused token
 * @param maxBuckets      buckets kept per limit at most (memory bound)
 * @param body            request bodies of every endpoint but the event config
 * @param eventConfigBody the body of {@code PUT /api/admin/events/{eventId}}
 */
@ConfigurationProperties("onsale.edge.limits")
public record LimitSettings(
        Rate orders,
        Rate queueJoin,
        Rate payment,
        Rate anonymous,
        int maxBuckets,
        DataSize body,
        DataSize eventConfigBody) {

    public LimitSettings {
        if (body == null || eventConfigBody == null || body.toBytes() < 1 || eventConfigBody.toBytes() < 1) {
            throw new IllegalArgumentException("onsale.edge.limits.body and event-config-body must be set and above 0");
        }
        if (eventConfigBody.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("onsale.edge.limits.event-config-body must stay below 2 GB");
        }
    }

    /** The codecs buffer a body whole before decoding it: the largest body any endpoint takes. */
    int largestBody() {
        return (int) Math.max(body.toBytes(), eventConfigBody.toBytes());
    }
}
