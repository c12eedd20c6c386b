package io.onsale.edge.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a bearer token must be beyond its signature, issuer and audience (checked by the verifier, so the routes served
 * before the security chain refuse the same tokens):
 * <ul>
 *   <li>an expiry ({@code exp}): a token without one would be good forever, and a leaked one could not be outlived;</li>
 *   <li>a lifetime of at most {@code onsale.jwt.max-lifetime} (24 h by default): {@code exp − iat}, or {@code exp − now}
 *       without {@code iat};</li>
 *   <li>a subject that can be part of the edge's keys and request ids ({@link KeyParts}: no {@code :}, {@code |},
 *       control characters; at most 128 characters).</li>
 * </ul>
 */
final class TokenRules implements OAuth2TokenValidator<Jwt> {

    private final Duration maxLifetime;
    private final Clock clock;

    TokenRules(Duration maxLifetime, Clock clock) {
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return refused("the token has no expiry (exp)");
        }
        // Spring's claim converter gives a token without iat one second before its exp, so the lifetime is the longer
        // of exp − iat and exp − now: exp − iat for a token issued in the past, exp − now for one without iat.
        Duration fromNow = Duration.between(clock.instant(), expiresAt);
        Duration fromIssue = jwt.getIssuedAt() == null ? Duration.ZERO : Duration.between(jwt.getIssuedAt(), expiresAt);
        if (fromIssue.compareTo(maxLifetime) > 0) {
            return refused("the token is valid for longer than " + maxLifetime.toHours() + " h (exp − iat)");
        }
        if (fromNow.compareTo(maxLifetime) > 0) {
            return refused("the token is valid for longer than " + maxLifetime.toHours() + " h (exp − now)");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            return refused("the token has no subject");
        }
        return KeyParts.problem(subject)
                .map(problem -> refused("the token's subject " + problem))
                .orElseGet(OAuth2TokenValidatorResult::success);
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
    }
}
