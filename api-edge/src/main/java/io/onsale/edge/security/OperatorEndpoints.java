package io.onsale.edge.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * Who may read the edge's operator endpoints (ADR 0014). Health probes are open (load balancers and orchestrators
 * send no token) and tell only UP or DOWN; details are shown to the {@value #OPERATOR} role
 * ({@code management.endpoint.health.roles}). Metrics ({@code /actuator/prometheus}), {@code /actuator/info} and the
 * API document need an {@value #OPERATOR} token (the document an organizer's too). The local profile opens them
 * ({@code onsale.edge.operator-endpoints.open}), for the scripts that scrape a local edge.
 */
final class OperatorEndpoints {

    /** Runs the platform: metrics, health details, the API document; no event of its own. */
    static final String OPERATOR = "OPERATOR";

    static final String[] PROBES = {"/actuator/health", "/actuator/health/**"};
    static final String[] METRICS = {"/actuator/prometheus", "/actuator/info"};

    private OperatorEndpoints() {}

    static AuthorizeExchangeSpec authorize(AuthorizeExchangeSpec exchanges, boolean open) {
        exchanges.pathMatchers(PROBES).permitAll();
        if (open) {
            return exchanges
                    .pathMatchers(METRICS)
                    .permitAll()
                    .pathMatchers(HttpMethod.GET, SecurityConfig.API_DOCS)
                    .permitAll();
        }
        return exchanges
                .pathMatchers(METRICS)
                .hasRole(OPERATOR)
                .pathMatchers(HttpMethod.GET, SecurityConfig.API_DOCS)
                .hasAnyRole(OPERATOR, "ORGANIZER");
    }
}
