package io.onsale.edge.security;

import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Buyers whose bearer token the full security chain has already accepted, for answers served before that chain runs
 * (the edge's fast reads). A token not seen yet, expired, kept too long, or without the buyer role is unknown here
 * and its request takes the full way, which decides (and, if need be, refuses) it.
 */
public interface VerifiedBuyers {

    /** The token's claims when {@code authorization} is {@code Bearer <token>} of such a token; else empty. */
    Optional<Jwt> buyer(String authorization);
}
