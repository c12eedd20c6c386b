package io.onsale.loadgen.auth;

/**
 * The role claim the edge authorises on: organizers configure events, buyers order seats, operators watch the
 * platform (the edge's operations dashboard) without running any event.
 */
public enum Role {
    BUYER,
    ORGANIZER,
    OPERATOR
}
