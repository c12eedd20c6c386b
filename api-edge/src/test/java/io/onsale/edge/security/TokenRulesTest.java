package io.onsale.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A signed token for this issuer and audience is still refused (401 problem+json) when it never expires, is valid for
 * longer than {@code onsale.jwt.max-lifetime} (24 h), or names a subject that cannot be part of the edge's keys; and
 * the routes served before the security chain ({@link VerifiedBuyers}) do not take it either.
 */
@WebFluxTest(useDefaultFilters = false)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
// The same answer as JwksIdentityTest's (this package's test configurations are scanned by every slice that scans it).
@Import({JwksIdentityTest.WhoAmI.class, ClockWiring.class})
class TokenRulesTest {

    @Autowired
    WebTestClient http;

    @Autowired
    VerifiedBuyers verifiedBuyers;

    @Test
    void aTokenOfAnHourForAPlainBuyerIdIsAccepted() {
        String token = token(claims -> claims.subject("buyer-17.alice@example.com"));
        http.get()
                .uri("/api/whoami")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sub")
                .isEqualTo("buyer-17.alice@example.com");
        assertThat(verifiedBuyers.buyer("Bearer " + token)).isPresent();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        refused(token(claims -> claims.expirationTime(null)), "the token has no expiry (exp)");
    }

    @Test
    void aTokenValidForLongerThanADayIsRefused() {
        Instant now = Instant.now();
        refused(
                token(claims ->
                        claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(25))))),
                "the token is valid for longer than 24 h (exp − iat)");
        // Issued long ago with a long life, so it has less than a day left: its lifetime is what counts.
        refused(
                token(claims -> claims.issueTime(Date.from(now.minus(Duration.ofDays(30))))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))),
                "the token is valid for longer than 24 h");
    }

    @Test
    void withoutIssueTimeTheLifetimeCountsFromNow() {
        Instant now = Instant.now();
        refused(
                token(claims -> claims.issueTime(null).expirationTime(Date.from(now.plus(Duration.ofHours(25))))),
                "the token is valid for longer than 24 h (exp − now)");
        String shortLived =
                token(claims -> claims.issueTime(null).expirationTime(Date.from(now.plus(Duration.ofHours(1)))));
        http.get()
                .uri("/api/whoami")
                .headers(h -> h.setBearerAuth(shortLived))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aSubjectThatCouldBreakTheEdgesKeysIsRefused() {
        Map<String, String> subjects = Map.of(
                "alice:evil",
                "contains ':'",
                "E1|bob",
                "contains '|'",
                "alice\nbob",
                "contains the control character U+000A",
                "alice\u0000",
                "contains the control character U+0000",
                "a".repeat(129),
                "is longer than 128 characters");
        subjects.forEach(
                (subject, why) -> refused(token(claims -> claims.subject(subject)), "the token's subject " + why));
    }

    private void refused(String token, String why) {
        http.get()
                .uri("/api/whoami")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(why));
        assertThat(verifiedBuyers.buyer("Bearer " + token))
                .as("served before the security chain")
                .isEmpty();
    }

    /** A buyer's token as the local setup signs it, changed by {@code change}. */
    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("alice")
                .issuer("onsale-local")
                .audience("onsale-api")
                .claim("roles", List.of("BUYER"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256), change.apply(claims).build());
        try {
            jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
