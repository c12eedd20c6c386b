package io.onsale.edge.security;

import io.onsale.edge.limits.ClientAddress;
import io.onsale.edge.limits.RateLimits;
import io.onsale.edge.problem.ProblemResponses;
import io.onsale.edge.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Buyers, organizers and operators are identified by signed bearer tokens: {@code sub} is the buyer id, the
 * {@code roles} claim carries BUYER, ORGANIZER and/or OPERATOR. Issuer and audience are checked. Signed with the shared HS256
 * secret (local default) or, with {@code onsale.jwt.jwks-uri}, by the identity provider's published keys. Refusals are
 * {@code application/problem+json} like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    /** The OpenAPI document and its UI: for operators and organizers, open in the local profile ({@link OperatorEndpoints}). */
    static final String[] API_DOCS = {
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/webjars/swagger-ui/**"
    };

    /** The token claim that lists the caller's roles ({@code BUYER}, {@code ORGANIZER}, {@code OPERATOR}). */
    static final String ROLES_CLAIM = "roles";
    /**
     * The buyer page (static/buy.html) and the operations page (static/ops.html), their scripts and style: they carry
     * no data, and each page sends its user's token with each API call itself. Nothing under /api.
     */
    static final String[] BUYER_PAGE = {"/buy.html", "/buy/*.js", "/buy/*.css"};

    static final String[] OPS_PAGE = {"/ops.html", "/ops/*.js", "/ops/*.css"};

    /**
     * No Micrometer observation around each security filter: about 11% of the edge's request CPU under load
     * (docs/benchmarks/log/2026-11-28-holds-http.md) for spans nobody reads; {@code http.server.requests} still times
     * every request.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            JsonMapper jsonMapper,
            ObjectProvider<RateLimits> rateLimits,
            @Value("${onsale.edge.operator-endpoints.open:false}") boolean operatorEndpointsOpen) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            // A refused token is unauthenticated traffic too: charged to the address, like a request without one
            // (which AnonymousRateLimitFilter has charged already).
            RateLimits limits = rateLimits.getIfAvailable();
            if (limits != null && exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                var refused = limits.anonymous(ClientAddress.of(exchange.getRequest()));
                if (refused.isPresent()) {
                    exchange.getResponse()
                            .getHeaders()
                            .set(
                                    HttpHeaders.RETRY_AFTER,
                                    String.valueOf(refused.get()
                                            .toProblemDetail()
                                            .getProperties()
                                            .get("retryAfterSeconds")));
                    return ProblemResponses.write(exchange, jsonMapper, refused.get());
                }
            }
            return problem(
                    exchange,
                    jsonMapper,
                    HttpStatus.UNAUTHORIZED,
                    "authentication-required",
                    "Authentication required",
                    "Send a valid bearer token: " + e.getMessage());
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problem(
                exchange,
                jsonMapper,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "Your token does not carry the role this operation needs.");
        return http
                // Stateless: every request carries its token. The default keeps the security context and the request
                // in a web session, looked up on every request (on another thread): it halved the edge's request rate.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // Probes open; metrics, info and the API document for operators (ADR 0014).
                .authorizeExchange(exchanges -> OperatorEndpoints.authorize(exchanges, operatorEndpointsOpen)
                        .pathMatchers(HttpMethod.GET, BUYER_PAGE)
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, OPS_PAGE)
                        .permitAll()
                        .pathMatchers("/api/admin/**")
                        .hasRole("ORGANIZER")
                        // The live operations dashboard: organizers, and operators who run the platform but no event.
                        .pathMatchers(HttpMethod.GET, "/api/ops/**")
                        .hasAnyRole("ORGANIZER", "OPERATOR")
                        // Drills on the sandbox gateway (no money moves): operators only.
                        .pathMatchers(HttpMethod.PUT, "/api/ops/sandbox-gateway")
                        .hasRole("OPERATOR")
                        .pathMatchers(HttpMethod.GET, "/api/events/**")
                        .hasAnyRole("BUYER", "ORGANIZER")
                        .pathMatchers("/api/**")
                        .hasRole("BUYER")
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * Spring Security's firewall refuses a path no id of this API can be part of (an encoded {@code /} or {@code .},
     * a {@code ..} segment, a control character such as an encoded newline, {@code ;}) before anything else runs. Its
     * own answer is a bare 400 with no body; this one says what was wrong, as problem+json like every other refusal.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedPaths(JsonMapper jsonMapper) {
        return (exchange, rejected) -> problem(
                exchange,
                jsonMapper,
                HttpStatus.BAD_REQUEST,
                "rejected-request",
                "Request rejected",
                "The request was refused before it reached the API: its path or headers hold an "
                        + "encoded '/', '.' or '%', a '..' segment, a control character or a ';', which no id of this API "
                        + "contains (" + rejected.getMessage() + ").");
    }

    @Bean
    VerifiedTokens jwtDecoder(JwtSettings settings, Clock clock) {
        NimbusReactiveJwtDecoder decoder = settings.usesJwks()
                // Only asymmetric algorithms: a key set must never let a token pick HS256 with a public key as secret.
                ? NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwksUri().toString())
                        .jwsAlgorithms(algorithms ->
                                settings.jwsAlgorithms().forEach(name -> algorithms.add(signatureAlgorithm(name))))
                        .build()
                : NimbusReactiveJwtDecoder.withSecretKey(
                                new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build();
        // The default converter tries the issuer as a URL first; ours ("onsale-local") is not one, so every new token
        // built and threw an IllegalArgumentException: 4% of the event loops' cpu under holds
        // (docs/benchmarks/log/2026-12-03-session-6-fast-reads.md).
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()),
                (Jwt jwt) -> jwt.getAudience() != null && jwt.getAudience().contains(settings.audience())
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                                "invalid_token", "the token's audience is not " + settings.audience(), null)),
                new TokenRules(settings.maxLifetime(), clock)));
        return new VerifiedTokens(decoder, clock);
    }

    private static SignatureAlgorithm signatureAlgorithm(String name) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
        if (algorithm == null) {
            throw new IllegalArgumentException("onsale.jwt.jws-algorithms: " + name
                    + " is not an asymmetric JWS algorithm " + "(RS256, ES256, PS256, …)");
        }
        return algorithm;
    }

    private static ReactiveJwtAuthenticationConverterAdapter rolesConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> AdminRole.implied(roles.convert(jwt)));
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static Mono<Void> problem(
            ServerWebExchange exchange,
            JsonMapper jsonMapper,
            HttpStatus status,
            String slug,
            String title,
            String detail) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        byte[] body = jsonMapper.writeValueAsBytes(Problems.body(
                status, slug, title, detail, exchange.getRequest().getPath().value()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
