package io.onsale.edge.security;

import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Buyers whose bearer token the security chain's verifier accepts, for answers served before that chain runs (the
 * edge's fast reads and holds): a token it accepted before and keeps, or one it verifies at once (the same checks,
 * when it needs nothing it has to wait for). A refused token, one the verifier cannot check at once, or one without
 * the buyer role is unknown here, and its request takes the full way, which decides (and, if need be, refuses) it.
 */
public interface VerifiedBuyers {

    /** The token's claims when {@code authorization} is {@code Bearer <token>} of such a token; else empty. */
    Optional<Jwt> buyer(String authorization);
}
