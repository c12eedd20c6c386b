package io.onsale.edge.payment;

import reactor.core.publisher.Mono;

/**
 * The port to whoever moves the money. Every call is idempotent: an authorization is keyed by the payment id, a
 * capture or void by the authorization id, so a call repeated after a timeout, a crash or by another instance's
 * reconciliation must not charge twice.
 *
 * <p>Outcomes: a decline is an answer ({@link Authorization#declined}), never an error. Errors are
 * {@link GatewayUnavailableException} (nothing known to have happened: the same call may be tried again later),
 * {@link GatewayRefusedException} (a capture or void refused for good) or a {@link java.util.concurrent.TimeoutException}
 * from the caller's own timeout.
 */
public interface PaymentGateway {

    /** Reserve the amount on the buyer's payment method; nothing is charged until {@link #capture}. */
    Mono<Authorization> authorize(
            String paymentId, String buyerId, long amountMinor, String currency, String paymentMethod);

    /** Charge an authorization: the buyer got the tickets. */
    Mono<Void> capture(String paymentId, String authorizationId);

    /** Release an authorization: the buyer did not get the tickets, so must not be charged. */
    Mono<Void> voidAuthorization(String paymentId, String authorizationId);

    /** The gateway's answer to an authorization: approved with an id, or declined with the reason. */
    record Authorization(String authorizationId, boolean approved, String declineReason) {

        public static Authorization approved(String authorizationId) {
            return new Authorization(authorizationId, true, null);
        }

        public static Authorization declined(String reason) {
            return new Authorization(null, false, reason);
        }
    }
}
