package io.onsale.loadgen.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T20:00:00.750Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void mintedBuyerTokenVerifiesWithTheSecretAndCarriesTheEdgeClaims() throws Exception {
        TokenMinter minter = TokenMinter.withSecret(IdentityOptions.DEV_SECRET, "onsale-local", "onsale-api", CLOCK);

        SignedJWT jwt = SignedJWT.parse(minter.mint("alice", Role.BUYER));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(IdentityOptions.DEV_SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("onsale-local");
        assertThat(claims.getAudience()).containsExactly("onsale-api");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("BUYER");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-11-27T20:00:00Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-11-27T21:00:00Z"));
    }

    @Test
    void organizerTokenHasTheOrganizerRole() throws Exception {
        TokenMinter minter = TokenMinter.withSecret(IdentityOptions.DEV_SECRET, "iss", "aud", CLOCK);

        JWTClaimsSet claims =
                SignedJWT.parse(minter.mint("org-1", Role.ORGANIZER)).getJWTClaimsSet();

        assertThat(claims.getSubject()).isEqualTo("org-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ORGANIZER");
    }

    @Test
    void tokenDoesNotVerifyWithAnotherSecret() throws Exception {
        TokenMinter minter = TokenMinter.withSecret(IdentityOptions.DEV_SECRET, "onsale-local", "onsale-api", CLOCK);

        SignedJWT jwt = SignedJWT.parse(minter.mint("alice", Role.BUYER));

        byte[] other = "another-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8);
        assertThat(jwt.verify(new MACVerifier(other))).isFalse();
    }

    @Test
    void secretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> TokenMinter.withSecret("too-short", "onsale-local", "onsale-api", CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void secretComesFromTheOptionThenTheEnvironmentThenTheDevelopmentDefault() {
        IdentityOptions options = new IdentityOptions();
        assertThat(options.resolveSecret(Map.of())).isEqualTo(IdentityOptions.DEV_SECRET);
        assertThat(options.resolveSecret(Map.of(IdentityOptions.SECRET_ENV, "")))
                .isEqualTo(IdentityOptions.DEV_SECRET);
        assertThat(options.resolveSecret(Map.of(IdentityOptions.SECRET_ENV, "from-env")))
                .isEqualTo("from-env");

        options.secret = "from-option";
        assertThat(options.resolveSecret(Map.of(IdentityOptions.SECRET_ENV, "from-env")))
                .isEqualTo("from-option");
    }
}
