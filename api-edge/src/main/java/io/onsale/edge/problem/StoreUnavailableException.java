package io.onsale.edge.problem;

/** State cannot be read right now (starting, rebalancing); answered 503 with Retry-After, never with stale data. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }
}
