package io.onsale.edge.payment;

/** How the buyer pays: a payment-method token from the payment provider's client (sandbox: any text). */
public record PaymentRequest(String paymentMethod) {}
