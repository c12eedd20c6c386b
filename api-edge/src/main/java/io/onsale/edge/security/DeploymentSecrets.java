package io.onsale.edge.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a deployment whose signing secrets anyone can know. The repository's development secrets live only
 * in the {@code local} profile ({@code application-local.yaml}, used by {@code ./ticketing} and the tests); any other
 * start needs each secret set, at least {@value #MIN_BYTES} bytes, and neither a known development value nor one
 * containing {@code change-me}. With such a secret, anyone who read the repository could mint an organizer's bearer
 * token or a buyer's admission token. The JWT secret is not needed when tokens are verified by the identity
 * provider's keys ({@code onsale.jwt.jwks-uri}).
 *
 * <p>Runs once the configuration (profiles included) is read and before anything starts, so a refused start has
 * connected to nothing; {@link UnsafeSecretsFailureAnalyzer} prints what to set.
 */
public final class DeploymentSecrets implements EnvironmentPostProcessor, Ordered {

    public static final String LOCAL_PROFILE = "local";
    static final int MIN_BYTES = 32;

    /** Public: in this repository (application-local.yaml, the tools' and tests' defaults). */
    static final Set<String> DEVELOPMENT_SECRETS = Set.of(
            "onsale-local-development-secret-change-me-0123456789",
            "onsale-local-queue-signing-secret-change-me-0123456789");

    /** A secret setting and the environment variable a deployment sets it with. */
    record Secret(String property, String environmentVariable) {}

    static final Secret JWT_SECRET = new Secret("onsale.jwt.secret", "ONSALE_JWT_SECRET");
    static final Secret QUEUE_SIGNING_SECRET = new Secret("onsale.queue.signing-secret", "ONSALE_QUEUE_SIGNING_SECRET");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(LOCAL_PROFILE)) {
            return;
        }
        List<String> problems = problems(environment::getProperty);
        if (!problems.isEmpty()) {
            throw new UnsafeSecretsException(problems);
        }
    }

    /** Every problem with the secrets of a start outside the local profile, each naming what to set; empty if none. */
    static List<String> problems(UnaryOperator<String> settings) {
        List<String> problems = new ArrayList<>();
        String jwksUri = settings.apply("onsale.jwt.jwks-uri");
        if (jwksUri == null || jwksUri.isBlank()) {
            problem(JWT_SECRET, settings.apply(JWT_SECRET.property())).ifPresent(problems::add);
        }
        problem(QUEUE_SIGNING_SECRET, settings.apply(QUEUE_SIGNING_SECRET.property()))
                .ifPresent(problems::add);
        return problems;
    }

    static Optional<String> problem(Secret secret, String value) {
        String why;
        if (value == null || value.isBlank()) {
            why = "is not set";
        } else if (DEVELOPMENT_SECRETS.contains(value)
                || value.toLowerCase(Locale.ROOT).contains("change-me")) {
            why = "is a public development value";
        } else if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            why = "is shorter than " + MIN_BYTES + " bytes";
        } else {
            return Optional.empty();
        }
        return Optional.of(secret.property() + " " + why + ": set " + secret.environmentVariable()
                + " to a random secret of at least " + MIN_BYTES + " bytes, the same on every edge instance"
                + " (development values are only in the '" + LOCAL_PROFILE + "' profile)");
    }

    @Override
    public int getOrder() {
        // After the configuration files and profiles are read (ConfigDataEnvironmentPostProcessor).
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** A start refused because of its secrets; the message lists every problem. */
    public static final class UnsafeSecretsException extends IllegalStateException {

        private final List<String> problems;

        UnsafeSecretsException(List<String> problems) {
            super("Refusing to start with unsafe secrets: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
