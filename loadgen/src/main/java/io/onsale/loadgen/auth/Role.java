package io.onsale.loadgen.auth;

/** The role claim the edge authorises on: organizers configure events, buyers order seats. */
public enum Role {
    BUYER,
    ORGANIZER
}
