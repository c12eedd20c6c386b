package io.onsale.queue.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class AdmissionTokensTest {

    private static final SigningKey KEY = SigningKey.fromSecret("a-local-development-secret-of-32-bytes+");
    private static final Instant ADMITTED_AT = Instant.parse("2026-12-01T10:05:00Z");
    private static final Instant WINDOW_END = ADMITTED_AT.plus(Duration.ofMinutes(10));
    private static final Instant DURING_THE_WINDOW = ADMITTED_AT.plus(Duration.ofMinutes(3));
    private static final AdmissionToken ALICE_IN_E1 = new AdmissionToken("E1", "alice", 42, ADMITTED_AT, WINDOW_END);

    private final AdmissionTokens tokens = new AdmissionTokens(KEY);

    @Test
    void aMintedTokenIsAcceptedForItsEventAndBuyerDuringThePurchaseWindow() {
        Verification<AdmissionToken> verified =
                tokens.verify(tokens.mint(ALICE_IN_E1), "E1", "alice", DURING_THE_WINDOW);

        assertThat(verified.isAccepted()).isTrue();
        assertThat(verified.value()).isEqualTo(ALICE_IN_E1);
    }

    @Test
    void aTokenIsRefusedFromTheEndOfThePurchaseWindow() {
        String token = tokens.mint(ALICE_IN_E1);

        assertThat(tokens.verify(token, "E1", "alice", WINDOW_END).refusal()).isEqualTo(Refusal.EXPIRED);
        assertThat(tokens.verify(token, "E1", "alice", WINDOW_END.minusMillis(1000))
                        .isAccepted())
                .isTrue();
    }

    @Test
    void aTokenForAnotherEventIsRefused() {
        assertThat(tokens.verify(tokens.mint(ALICE_IN_E1), "E2", "alice", DURING_THE_WINDOW)
                        .refusal())
                .isEqualTo(Refusal.WRONG_EVENT);
    }

    @Test
    void aTokenReplayedByAnotherBuyerIsRefused() {
        assertThat(tokens.verify(tokens.mint(ALICE_IN_E1), "E1", "mallory", DURING_THE_WINDOW)
                        .refusal())
                .isEqualTo(Refusal.WRONG_BUYER);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String token =
                new AdmissionTokens(SigningKey.fromSecret("another-secret-that-is-long-enough-too!")).mint(ALICE_IN_E1);

        assertThat(tokens.verify(token, "E1", "alice", DURING_THE_WINDOW).refusal())
                .isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aTokenWhoseClaimsWereChangedIsRefused() {
        String[] parts = tokens.mint(ALICE_IN_E1).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.replace("\"alice\"", "\"mallory\"").getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(parts[0] + "." + forged + "." + parts[2], "E1", "mallory", DURING_THE_WINDOW)
                        .refusal())
                .isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() {
        String unsigned = new PlainJWT(claimsLikeOurs("alice").build()).serialize();

        assertThat(unsigned).endsWith(".");
        assertThat(tokens.verify(unsigned, "E1", "alice", DURING_THE_WINDOW).refusal())
                .isEqualTo(Refusal.UNSUPPORTED_ALGORITHM);
        // The same with the real token's signature glued on still is not a signed token.
        String[] real = tokens.mint(ALICE_IN_E1).split("\\.");
        assertThat(tokens.verify(unsigned + real[2], "E1", "alice", DURING_THE_WINDOW)
                        .isAccepted())
                .isFalse();
    }

    @Test
    void aTokenSignedWithAnotherAlgorithmIsRefused() throws Exception {
        SignedJWT hs512 = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS512), claimsLikeOurs("alice").build());
        hs512.sign(new MACSigner(
                "a-sixty-four-byte-secret-for-hs512-that-nobody-should-ever-use!!".getBytes(StandardCharsets.UTF_8)));

        assertThat(tokens.verify(hs512.serialize(), "E1", "alice", DURING_THE_WINDOW)
                        .refusal())
                .isEqualTo(Refusal.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void somethingThatIsNotAJwtOrNotOurKindOfTokenIsRefusedAsMalformed() throws Exception {
        assertThat(tokens.verify("not-a-jwt", "E1", "alice", DURING_THE_WINDOW).refusal())
                .isEqualTo(Refusal.MALFORMED);
        assertThat(tokens.verify(null, "E1", "alice", DURING_THE_WINDOW).refusal())
                .isEqualTo(Refusal.MALFORMED);

        // Signed with the right key but without the event claim (for example a login token from elsewhere).
        SignedJWT stranger = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .expirationTime(Date.from(WINDOW_END))
                        .build());
        stranger.sign(new MACSigner(KEY.derive("admission-token").bytes()));
        assertThat(tokens.verify(stranger.serialize(), "E1", "alice", DURING_THE_WINDOW)
                        .refusal())
                .isEqualTo(Refusal.MALFORMED);
    }

    private static JWTClaimsSet.Builder claimsLikeOurs(String buyer) {
        return new JWTClaimsSet.Builder()
                .issuer(AdmissionTokens.ISSUER)
                .audience(AdmissionTokens.AUDIENCE)
                .subject(buyer)
                .claim("eid", "E1")
                .claim("pos", 42)
                .issueTime(Date.from(ADMITTED_AT))
                .expirationTime(Date.from(WINDOW_END));
    }
}
