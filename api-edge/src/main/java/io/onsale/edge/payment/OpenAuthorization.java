package io.onsale.edge.payment;

import java.time.Instant;

/** An authorization recorded on {@code payment-events} with no capture or void after it yet. */
record OpenAuthorization(
        String paymentId,
        String orderId,
        String buyerId,
        String authorizationId,
        long amountMinor,
        String currency,
        Instant authorizedAt) {}
