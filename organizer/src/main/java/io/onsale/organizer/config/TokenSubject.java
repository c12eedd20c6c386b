package io.onsale.organizer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The subject ({@code sub}) of an organizer's bearer token, read without checking its signature: {@code apply} produces
 * to Kafka directly and only records who owns the event; the edge checks the token itself on every live command, so a
 * config owned by a subject whose token the edge refuses can only be changed by an administrator.
 */
final class TokenSubject {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenSubject() {}

    static Optional<String> of(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String[] parts = token.strip().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode subject = claims.path("sub");
            return subject.isTextual() && !subject.asText().isBlank()
                    ? Optional.of(subject.asText())
                    : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException notAToken) {
            return Optional.empty();
        }
    }
}
