package io.onsale.edge.payment;

/**
 * The gateway refused a capture or a void for good (a 4xx: unknown authorization, already voided, already captured
 * differently): trying again cannot change the answer, so nobody retries it; someone has to look.
 */
public final class GatewayRefusedException extends RuntimeException {

    private final int status;

    public GatewayRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
