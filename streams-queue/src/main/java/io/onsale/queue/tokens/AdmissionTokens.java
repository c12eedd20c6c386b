package io.onsale.queue.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints and verifies admission tokens: JWTs signed with HS256 only ({@code alg: none} and every other algorithm
 * are refused), issuer {@value #ISSUER}, audience {@value #AUDIENCE}, {@code sub} = buyer, claims {@code eid} (event)
 * and {@code pos} (position), {@code exp} = end of the purchase window. The edge checks one before it produces an
 * order while the event's queue is active.
 */
public final class AdmissionTokens {

    public static final String ISSUER = "onsale-waiting-room";
    public static final String AUDIENCE = "onsale-orders";
    static final String EVENT_CLAIM = "eid";
    static final String POSITION_CLAIM = "pos";
    private static final JOSEObjectType TYPE = new JOSEObjectType("admission+jwt");
    private static final int MAX_LENGTH = 4096;

    private final byte[] key;
    private final SecureRandom tokenIds;

    /** @param secretKey the configured secret; the admission key is derived from it for this purpose only */
    public AdmissionTokens(SigningKey secretKey) {
        this.key = secretKey.derive("admission-token").bytes();
        this.tokenIds = seededTokenIds();
    }

    public String mint(AdmissionToken token) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(token.buyerId())
                .claim(EVENT_CLAIM, token.eventId())
                .claim(POSITION_CLAIM, token.position())
                .issueTime(Date.from(token.issuedAt()))
                .expirationTime(Date.from(token.expiresAt()))
                .jwtID(tokenId().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an admission token", e);
        }
        return jwt.serialize();
    }

    /**
     * A token is a credential: its id ({@code jti}), the one claim not known in advance, stays unpredictable. Drawn
     * from this DRBG rather than {@link UUID#randomUUID()}: the edge mints tokens on its Netty event loops, and the
     * JVM's default SecureRandom reads {@code /dev/urandom} (file I/O, under a lock) every few calls.
     */
    private UUID tokenId() {
        byte[] bytes = new byte[16];
        tokenIds.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4, as randomUUID() made them
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer halves = ByteBuffer.wrap(bytes);
        return new UUID(halves.getLong(), halves.getLong());
    }

    /**
     * A DRBG (NIST SP 800-90A) reads entropy once, when it is first used, and then generates in memory; it reseeds on
     * its own only after 2^31 requests. Its first use is here, when the tokens are made at startup, so the read never
     * happens on a thread that serves requests.
     */
    private static SecureRandom seededTokenIds() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG SecureRandom (Java 9+ always does)", e);
        }
    }

    /**
     * Accepts the token only if it is an HS256 JWT signed with this key, issued here for the orders audience, not
     * expired at {@code now}, and for this event and this (authenticated) buyer.
     */
    public Verification<AdmissionToken> verify(String token, String eventId, String buyerId, Instant now) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Verification.refused(Refusal.MALFORMED, "no token, or too long");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            return Verification.refused(Refusal.MALFORMED, "not a JWT");
        }
        if (!(parsed instanceof SignedJWT signed)
                || !JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            return Verification.refused(
                    Refusal.UNSUPPORTED_ALGORITHM,
                    "only HS256 admission tokens are accepted, got "
                            + parsed.getHeader().getAlgorithm());
        }
        try {
            if (!signed.verify(new MACVerifier(key))) {
                return Verification.refused(Refusal.BAD_SIGNATURE, "the token's signature does not match");
            }
        } catch (JOSEException e) {
            return Verification.refused(Refusal.BAD_SIGNATURE, "the token cannot be verified: " + e.getMessage());
        }
        JWTClaimsSet claims;
        String tokenEvent;
        Long position;
        try {
            claims = signed.getJWTClaimsSet();
            tokenEvent = claims.getStringClaim(EVENT_CLAIM);
            position = claims.getLongClaim(POSITION_CLAIM);
        } catch (ParseException e) {
            return Verification.refused(Refusal.MALFORMED, "unreadable claims");
        }
        if (!ISSUER.equals(claims.getIssuer())
                || claims.getAudience() == null
                || !claims.getAudience().equals(List.of(AUDIENCE))
                || claims.getSubject() == null
                || tokenEvent == null
                || position == null
                || claims.getIssueTime() == null
                || claims.getExpirationTime() == null) {
            return Verification.refused(Refusal.MALFORMED, "not an admission token of this platform");
        }
        // Whose and for what before when: EXPIRED then means the buyer's own token for this event, whose window
        // ended, which the edge may still accept for a retry of an order placed within the window.
        if (!tokenEvent.equals(eventId)) {
            return Verification.refused(Refusal.WRONG_EVENT, "the admission token is for another event");
        }
        if (!claims.getSubject().equals(buyerId)) {
            return Verification.refused(Refusal.WRONG_BUYER, "the admission token was issued to another buyer");
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (!now.isBefore(expiresAt)) {
            return Verification.refused(Refusal.EXPIRED, "the purchase window ended at " + expiresAt);
        }
        try {
            return Verification.accepted(new AdmissionToken(
                    tokenEvent,
                    claims.getSubject(),
                    position,
                    claims.getIssueTime().toInstant(),
                    expiresAt));
        } catch (IllegalArgumentException e) {
            return Verification.refused(Refusal.MALFORMED, e.getMessage());
        }
    }
}
