package io.onsale.edge.payment;

import reactor.core.publisher.Mono;

/**
 * The port to whoever moves the money. Every call carries the payment id as its idempotency key: a call repeated
 * after a timeout or a crash must not charge twice.
 */
public interface PaymentGateway {

    /** Reserve the amount on the buyer's payment method; nothing is charged until {@link #capture}. */
    Mono<Authorization> authorize(String paymentId, String buyerId, long amountMinor, String currency, String paymentMethod);

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
