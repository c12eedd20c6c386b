package io.onsale.reservations.domain;

import java.time.Instant;

/** A buyer who gave up a hold of a seat (cancelled its order, or let the hold expire), and when (ADR 0018). */
public record Releaser(String buyerId, Instant releasedAt) {}
