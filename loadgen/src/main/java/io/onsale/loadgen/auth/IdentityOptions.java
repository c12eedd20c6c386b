package io.onsale.loadgen.auth;

import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Option;

/** The token settings shared by every command that talks to the edge; they must match the edge's own settings. */
public final class IdentityOptions {

    /** Local development only: it is in the repository, so anything signed with it proves nothing. */
    public static final String DEV_SECRET = "onsale-local-development-secret-change-me-0123456789";

    public static final String SECRET_ENV = "ONSALE_JWT_SECRET";
    static final String DEFAULT_ISSUER = "onsale-local";
    static final String DEFAULT_AUDIENCE = "onsale-api";

    // No default value here: picocli would print it in --help, and with $ONSALE_JWT_SECRET that is a real secret.
    @Option(
            names = "--secret",
            paramLabel = "<secret>",
            description = "HS256 signing secret, UTF-8, at least 32 bytes. Default: $" + SECRET_ENV
                    + " if set, else the local development secret.")
    String secret;

    @Option(
            names = "--issuer",
            paramLabel = "<iss>",
            defaultValue = DEFAULT_ISSUER,
            description = "Token issuer (iss). Default: ${DEFAULT-VALUE}.")
    String issuer = DEFAULT_ISSUER;

    @Option(
            names = "--audience",
            paramLabel = "<aud>",
            defaultValue = DEFAULT_AUDIENCE,
            description = "Token audience (aud). Default: ${DEFAULT-VALUE}.")
    String audience = DEFAULT_AUDIENCE;

    /** @throws IllegalArgumentException when the resolved secret cannot sign HS256 tokens */
    public TokenMinter minter(Map<String, String> env, Clock clock) {
        return TokenMinter.withSecret(resolveSecret(env), issuer, audience, clock);
    }

    String resolveSecret(Map<String, String> env) {
        if (secret != null) {
            return secret;
        }
        String fromEnv = env.get(SECRET_ENV);
        return fromEnv == null || fromEnv.isEmpty() ? DEV_SECRET : fromEnv;
    }
}
