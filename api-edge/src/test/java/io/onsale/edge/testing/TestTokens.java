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

    public static final String ISSUER = "onsale-local";
    public static final String AUDIENCE = "onsale-api";

    private TestTokens() {}

    public static String buyer(String buyerId) {
        return token(buyerId, List.of("BUYER"), ISSUER, AUDIENCE, SECRET);
    }

    public static String organizer(String organizerId) {
        return token(organizerId, List.of("ORGANIZER"), ISSUER, AUDIENCE, SECRET);
    }

    public static String operator(String operatorId) {
        return token(operatorId, List.of("OPERATOR"), ISSUER, AUDIENCE, SECRET);
    }

    public static String token(String subject, List<String> roles, String issuer, String audience, String secret) {
        return signed(claims(subject, roles).issuer(issuer).audience(audience).build(), secret);
    }

    /**
     * The claims of a good token, issued now and valid for an hour, for a test to spoil one of them before
     * {@link #signed}: {@code claims("x", List.of("BUYER")).expirationTime(null)} is a token without {@code exp}.
     */
    public static JWTClaimsSet.Builder claims(String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    /** The claims signed with HS256 and {@code secret}. */
    public static String signed(JWTClaimsSet claims, String secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
