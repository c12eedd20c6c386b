package io.onsale.edge.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signed tokens as the local identity setup issues them (same secret, issuer and audience as application-local.yaml). */
public final class TestTokens {

    public static final String SECRET = "onsale-local-development-secret-change-me-0123456789";
    /** For tests that start the edge as a deployment would (no local profile): a secret of its own, not a public one. */
    public static final String SECRET_OF_A_DEPLOYMENT = "test-deployment-secret-4f1c9a7e2b8d6053a1e9";

    private TestTokens() {
    }

    public static String buyer(String buyerId) {
        return token(buyerId, List.of("BUYER"), "onsale-local", "onsale-api", SECRET);
    }

    public static String organizer(String organizerId) {
        return token(organizerId, List.of("ORGANIZER"), "onsale-local", "onsale-api", SECRET);
    }

    public static String operator(String operatorId) {
        return token(operatorId, List.of("OPERATOR"), "onsale-local", "onsale-api", SECRET);
    }

    public static String token(String subject, List<String> roles, String issuer, String audience, String secret) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject).issuer(issuer).audience(audience).claim("roles", roles)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
