package io.onsale.loadgen.race;

/**
 * The race could not be run or judged: the edge is unreachable or answered outside the contract. Distinct from an
 * audit failure, which means the edge answered and the answers were wrong.
 */
final class EdgeException extends RuntimeException {

    EdgeException(String message) {
        super(message);
    }

    EdgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
