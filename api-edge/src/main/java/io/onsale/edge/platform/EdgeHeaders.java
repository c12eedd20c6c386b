package io.onsale.edge.platform;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The edge's own request headers, named once for every feature that reads or forwards them; and the headers the full
 * stack adds to every answer (Spring Security's defaults), for the routes that answer before it, so an answer carries
 * the same headers whichever way it was served.
 */
public final class EdgeHeaders {

    /**
     * The client's key of one attempt at an order or a payment: a retry with the same key is the same request. Read by
     * the order and pay endpoints (and the fast order route), and forwarded with a request to the instance that keeps
     * the buyer's orders.
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * The waiting room's signed admission of a buyer to an event's checkout: checked by the order routes, and forwarded
     * with an order to the instance that keeps the buyer's orders.
     */
    public static final String ADMISSION_TOKEN = "Admission-Token";

    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "X-XSS-Protection", "0",
            "Referrer-Policy", "no-referrer");

    private EdgeHeaders() {}

    /**
     * @param ownCacheControl the answer sets its own {@code Cache-Control} (Spring Security then adds none of its cache
     *                        headers); else the security defaults' {@code no-cache} headers are added
     */
    public static HttpServerResponse secured(HttpServerResponse response, boolean ownCacheControl) {
        if (!ownCacheControl) {
            response.header(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                    .header(HttpHeaderNames.PRAGMA, "no-cache")
                    .header(HttpHeaderNames.EXPIRES, "0");
        }
        SECURITY_HEADERS.forEach(response::header);
        return response;
    }
}
