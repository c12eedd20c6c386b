package io.onsale.reservations.domain;

/** A confirmed hold: {@code quantity} of a unit sold to a buyer. */
public record Sale(String holdId, String buyerId, String orderId, int quantity) {}
