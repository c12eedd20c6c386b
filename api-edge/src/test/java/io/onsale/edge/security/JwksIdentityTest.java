package io.onsale.edge.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Tokens signed by an identity provider's published keys (a JWK Set on a local HTTP server): accepted when signed by
 * one of its keys for this issuer and audience, refused 401 problem+json otherwise, roles mapped as with HS256.
 */
@WebFluxTest(useDefaultFilters = false)
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({JwksIdentityTest.WhoAmI.class, ClockWiring.class})
class JwksIdentityTest {

    private static final RSAKey PROVIDER_RSA = rsa("provider-rsa");
    private static final ECKey PROVIDER_EC = ec();
    /** Same key id as the provider's: only the signature tells them apart. */
    private static final RSAKey IMPOSTOR = rsa("provider-rsa");

    private static final HttpServer JWKS =
            jwksServer(new JWKSet(List.of(PROVIDER_RSA.toPublicJWK(), PROVIDER_EC.toPublicJWK())));

    /**
     * Answers with what the edge made of the token: the buyer id and the roles. A route rather than a controller, so
     * slices that document every controller (docs/ApiDocsTest) never meet it.
     */
    @TestConfiguration
    static class WhoAmI {
        @Bean
        RouterFunction<ServerResponse> whoAmI() {
            return RouterFunctions.route(
                    RequestPredicates.GET("/api/whoami"),
                    request -> request.principal()
                            .cast(JwtAuthenticationToken.class)
                            .flatMap(authentication -> ServerResponse.ok()
                                    .bodyValue(Map.of(
                                            "sub",
                                            authentication.getToken().getSubject(),
                                            "roles",
                                            authentication.getToken().getClaimAsStringList("roles")))));
        }
    }

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add(
                "onsale.jwt.jwks-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
        registry.add("onsale.jwt.issuer", () -> "https://id.example");
        registry.add("onsale.jwt.audience", () -> "onsale-api");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @Autowired
    WebTestClient http;

    @Test
    void aTokenSignedByTheProvidersRsaKeyIsAcceptedWithItsSubjectAndRoles() {
        http.get()
                .uri("/api/whoami")
                .headers(
                        h -> h.setBearerAuth(token(PROVIDER_RSA, "https://id.example", "onsale-api", List.of("BUYER"))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sub")
                .isEqualTo("alice")
                .jsonPath("$.roles[0]")
                .isEqualTo("BUYER");
    }

    @Test
    void aTokenSignedByTheProvidersEcKeyIsAccepted() {
        http.get()
                .uri("/api/whoami")
                .headers(h -> h.setBearerAuth(token(PROVIDER_EC, "https://id.example", "onsale-api", List.of("BUYER"))))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        refused(token(IMPOSTOR, "https://id.example", "onsale-api", List.of("BUYER")));
    }

    @Test
    void aTokenForAnotherIssuerIsRefused() {
        refused(token(PROVIDER_RSA, "https://elsewhere.example", "onsale-api", List.of("BUYER")));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(token(PROVIDER_RSA, "https://id.example", "another-api", List.of("BUYER")));
    }

    @Test
    void theSharedSecretIsNoLongerAcceptedOnceKeysArePublished() {
        refused(TestTokens.token("alice", List.of("BUYER"), "https://id.example", "onsale-api", TestTokens.SECRET));
    }

    @Test
    void rolesStillDecideWhatAValidTokenMayDo() {
        http.get()
                .uri("/api/whoami")
                .headers(h ->
                        h.setBearerAuth(token(PROVIDER_RSA, "https://id.example", "onsale-api", List.of("ORGANIZER"))))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void refused(String token) {
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
                .jsonPath("$.type")
                .exists();
    }

    private static String token(RSAKey key, String issuer, String audience, List<String> roles) {
        try {
            return sign(
                    new RSASSASigner(key),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    issuer,
                    audience,
                    roles);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(ECKey key, String issuer, String audience, List<String> roles) {
        try {
            return sign(
                    new ECDSASigner(key),
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    issuer,
                    audience,
                    roles);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSHeader header, String issuer, String audience, List<String> roles)
            throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                header,
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .issuer(issuer)
                        .audience(audience)
                        .claim("roles", roles)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(3600)))
                        .build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("provider-ec").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwksServer(JWKSet keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
