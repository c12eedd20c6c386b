package io.onsale.loadgen.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints the HS256 tokens the edge accepts. The client holds the shared secret itself because there is no identity
 * provider in local development; the edge only checks signature, issuer, audience, expiry and the role claim.
 */
public final class TokenMinter {

    /** HS256 needs a key at least as long as its 256-bit output (RFC 7518 section 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    static final Duration LIFETIME = Duration.ofHours(1);

    private final MACSigner signer;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public TokenMinter(byte[] secret, String issuer, String audience, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes for HS256, got " + secret.length);
        }
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    public static TokenMinter withSecret(String secret, String issuer, String audience, Clock clock) {
        return new TokenMinter(secret.getBytes(StandardCharsets.UTF_8), issuer, audience, clock);
    }

    public String mint(String subject, Role role) {
        // JWT times are whole seconds; truncating keeps exp - iat exactly one hour.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("roles", List.of(role.name()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token for " + subject, e);
        }
        return jwt.serialize();
    }
}
