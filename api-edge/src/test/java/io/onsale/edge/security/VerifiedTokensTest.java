package io.onsale.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private Instant now = NOW;

    private VerifiedTokens tokens(Instant expiresAt) {
        return new VerifiedTokens(
                token -> {
                    verifications.incrementAndGet();
                    if (token.startsWith("bad")) {
                        return Mono.error(new BadJwtException("signature does not match"));
                    }
                    if (token.startsWith("remote")) {
                        return Mono.never(); // a verifier that must fetch keys first
                    }
                    if (!now.isBefore(expiresAt)) {
                        return Mono.error(new BadJwtException("Jwt expired")); // as the real verifier's validator says
                    }
                    List<String> roles = token.startsWith("organizer") ? List.of("ORGANIZER") : List.of("BUYER");
                    return Mono.just(Jwt.withTokenValue(token)
                            .header("alg", "HS256")
                            .subject("alice")
                            .claim("roles", roles)
                            .issuedAt(NOW.minusSeconds(10))
                            .expiresAt(expiresAt)
                            .build());
                },
                new Clock() {
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                });
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainWhileItIsValid() {
        VerifiedTokens tokens = tokens(NOW.plus(Duration.ofHours(1)));

        for (int i = 0; i < 10; i++) {
            assertThat(tokens.decode("good-1").block().getSubject()).isEqualTo("alice");
        }
        assertThat(verifications).hasValue(1);

        now = NOW.plus(VerifiedTokens.MAX_AGE).plusSeconds(1);
        tokens.decode("good-1").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenIsNeverServedFromItsExpiryOn() {
        VerifiedTokens tokens = tokens(NOW.plusSeconds(30));
        tokens.decode("good-2").block();

        now = NOW.plusSeconds(30);
        assertThatThrownBy(() -> tokens.decode("good-2").block())
                .as("verified again, and refused")
                .isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsCheckedAndRefusedEveryTime() {
        VerifiedTokens tokens = tokens(NOW.plus(Duration.ofHours(1)));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("bad-1").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void routesBeforeTheSecurityChainKnowBuyersWhoseTokenIsAcceptedEitherKeptOrVerifiedAtOnce() {
        VerifiedTokens tokens = tokens(NOW.plusSeconds(60));

        tokens.decode("good-3").block();
        assertThat(tokens.buyer("Bearer good-3"))
                .get()
                .extracting(Jwt::getSubject)
                .isEqualTo("alice");
        assertThat(verifications).as("kept: not verified again").hasValue(1);
        assertThat(tokens.buyer("Bearer good-4"))
                .as("never seen: verified at once, then kept")
                .isPresent();
        assertThat(tokens.buyer("Bearer good-4")).isPresent();
        assertThat(verifications).hasValue(2);

        assertThat(tokens.buyer("bearer good-3"))
                .as("the scheme is case-insensitive")
                .isPresent();
        assertThat(tokens.buyer("Bearer organizer-1")).as("not a buyer").isEmpty();
        assertThat(tokens.buyer("Bearer bad-2")).as("refused").isEmpty();
        assertThat(tokens.size()).as("a refused token is never kept").isEqualTo(3);
        assertThat(tokens.buyer("Bearer remote-1"))
                .as("a verifier that cannot answer at once is not waited for")
                .isEmpty();
        assertThat(tokens.buyer("Basic good-3")).isEmpty();
        assertThat(tokens.buyer("good-3")).isEmpty();
        assertThat(tokens.buyer(null)).isEmpty();

        now = NOW.plusSeconds(60);
        assertThat(tokens.buyer("Bearer good-3"))
                .as("expired: verified again, and refused")
                .isEmpty();
        assertThat(tokens.buyer("Bearer good-5")).isEmpty();
    }

    @Test
    void aCacheFullOfLiveTokensDropsThoseKeptLongestAndKeepsTheRecentOnes() {
        VerifiedTokens tokens = tokens(NOW.plus(Duration.ofHours(1)));
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES - 10; i++) {
            tokens.decode("early-" + i).block();
        }
        now = NOW.plus(Duration.ofSeconds(150));
        for (int i = 0; i < 10; i++) {
            tokens.decode("recent-" + i).block();
        }

        now = NOW.plus(Duration.ofMinutes(3));
        tokens.decode("late").block();

        assertThat(tokens.size()).isEqualTo(11);
        int before = verifications.get();
        assertThat(tokens.buyer("Bearer late")).isPresent();
        assertThat(tokens.buyer("Bearer recent-7")).isPresent();
        assertThat(verifications).as("both kept").hasValue(before);
        assertThat(tokens.buyer("Bearer early-7")).isPresent();
        assertThat(verifications).as("dropped: verified again").hasValue(before + 1);
    }

    /** The edge's own verifier (an HMAC key it holds) answers at once: a new buyer's first request can be served fast. */
    @Test
    void theLocalSecretsVerifierAnswersAtOnce() {
        org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder decoder =
                org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder.withSecretKey(
                                new javax.crypto.spec.SecretKeySpec(
                                        io.onsale.edge.testing.TestTokens.SECRET.getBytes(
                                                java.nio.charset.StandardCharsets.UTF_8),
                                        "HmacSHA256"))
                        .build();
        VerifiedTokens tokens = new VerifiedTokens(decoder, Clock.systemUTC());

        assertThat(tokens.buyer("Bearer " + io.onsale.edge.testing.TestTokens.buyer("bob")))
                .get()
                .extracting(Jwt::getSubject)
                .isEqualTo("bob");
        assertThat(tokens.buyer("Bearer "
                        + io.onsale.edge.testing.TestTokens.token(
                                "eve",
                                List.of("BUYER"),
                                "onsale-local",
                                "onsale-api",
                                "another-secret-of-thirty-two-bytes-or-more-0123456789")))
                .as("another key")
                .isEmpty();
    }
}
