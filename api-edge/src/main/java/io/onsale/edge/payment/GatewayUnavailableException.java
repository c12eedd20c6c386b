package io.onsale.edge.payment;

/**
 * The gateway could not be reached or kept failing (5xx, timeouts) after every retry: nothing is known to have
 * happened, and the same call with the same idempotency key may be tried again later.
 */
public final class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
