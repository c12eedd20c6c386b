package io.onsale.loadgen.client;

/** An amount in minor units (cents) and its ISO 4217 currency. */
public record Money(long amountMinor, String currency) {}
