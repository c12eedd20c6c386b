package io.onsale.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadgenTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T20:00:00Z"), ZoneOffset.UTC);
    private static final String ENV_SECRET = "a-secret-from-the-environment-0123456789";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine commandLine = Loadgen.commandLine(env, CLOCK);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsBothCommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("race").contains("token").contains("plot");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
    }

    @Test
    void tokenPrintsOneTokenSignedWithTheEnvironmentSecret() throws Exception {
        int exit = run(Map.of("ONSALE_JWT_SECRET", ENV_SECRET), "token", "--organizer", "org-1");

        assertThat(exit).isZero();
        SignedJWT jwt = SignedJWT.parse(out.toString().strip());
        assertThat(jwt.verify(new MACVerifier(ENV_SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("org-1");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("ORGANIZER");
    }

    @Test
    void anOperatorTokenCarriesTheOperatorRole() throws Exception {
        int exit = run(Map.of("ONSALE_JWT_SECRET", ENV_SECRET), "token", "--operator", "ops-1");

        assertThat(exit).isZero();
        JWTClaimsSet claims = SignedJWT.parse(out.toString().strip()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("ops-1");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
    }

    @Test
    void tokenNeedsExactlyOneSubject() {
        assertThat(run(Map.of(), "token")).isEqualTo(2);
        assertThat(run(Map.of(), "token", "--buyer", "alice", "--organizer", "org-1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void tooShortSecretIsAUsageErrorNotACrash() {
        assertThat(run(Map.of(), "token", "--buyer", "alice", "--secret", "short"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("at least 32 bytes").doesNotContain("internal error");
    }
}
