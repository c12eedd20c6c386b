package io.onsale.edge.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How buyer and organizer tokens are verified: HS256 with a shared secret (local default: a documented
 * development secret), the issuer and the audience this edge accepts.
 */
@ConfigurationProperties("onsale.jwt")
public record JwtSettings(String secret, String issuer, String audience) {

    public JwtSettings {
        if (secret == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("onsale.jwt.secret must be at least 32 bytes for HS256");
        }
    }
}
