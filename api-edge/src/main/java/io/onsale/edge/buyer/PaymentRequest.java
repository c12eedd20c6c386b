package io.onsale.edge.buyer;

/** How the buyer pays: a payment-method token from the payment provider's client (sandbox: any text). */
record PaymentRequest(String paymentMethod) {
}
