package io.onsale.edge.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How buyer and organizer tokens are verified. Without {@code jwksUri}: HS256 with a shared secret (local default: a
 * documented development secret). With it: signatures by the identity provider's published keys ({@code RS256},
 * {@code ES256} by default), and the secret is not used. Either way the issuer and the audience are checked.
 *
 * @param jwksUri        the identity provider's JWK Set; keys are fetched and cached, refetched for an unknown key id
 * @param jwsAlgorithms  the signature algorithms accepted from that JWK Set
 * @param maxLifetime    the longest a token may be valid ({@code exp − iat}, or {@code exp − now}); 24 h by default
 */
@ConfigurationProperties("onsale.jwt")
public record JwtSettings(
        String secret, String issuer, String audience, URI jwksUri, List<String> jwsAlgorithms, Duration maxLifetime) {

    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    public JwtSettings {
        if (jwksUri == null && (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32)) {
            throw new IllegalArgumentException("onsale.jwt.secret must be at least 32 bytes for HS256");
        }
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("onsale.jwt.issuer and onsale.jwt.audience are required");
        }
        maxLifetime = maxLifetime == null ? DEFAULT_MAX_LIFETIME : maxLifetime;
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("onsale.jwt.max-lifetime must be positive, got " + maxLifetime);
        }
        jwsAlgorithms = jwsAlgorithms == null || jwsAlgorithms.isEmpty()
                ? List.of("RS256", "ES256")
                : List.copyOf(jwsAlgorithms);
    }

    boolean usesJwks() {
        return jwksUri != null;
    }
}
