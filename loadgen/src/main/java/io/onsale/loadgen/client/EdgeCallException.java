package io.onsale.loadgen.client;

/**
 * A call that got no usable HTTP answer: the edge did not answer in time, could not be reached, or answered outside
 * the contract. Business refusals and error statuses are answers, never this exception.
 */
public class EdgeCallException extends RuntimeException {

    /** Why there is no answer. */
    public enum Kind {
        /** No complete answer within the read timeout. */
        TIMEOUT,
        /** No connection: refused, unknown host, connect timeout. */
        UNREACHABLE,
        /** The connection broke, or the client failed. */
        IO,
        /** An answer whose body does not fit the contract (unparseable JSON for a 2xx). */
        CONTRACT
    }

    private final Kind kind;

    public EdgeCallException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EdgeCallException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
