package io.onsale.organizer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.organizer.Cli;
import io.onsale.organizer.Exit;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** apply without a broker: what it refuses before Kafka, and how it says Kafka is not there. */
class ApplyCommandTest {

    @Test
    void anInvalidConfigIsNeverProduced() throws Exception {
        // A port nobody listens on: reaching for Kafka would fail with exit 3, not 1.
        Cli.Run run = Cli.run(
                "apply",
                ValidateCommandTest.CONFIGS.resolve("breaks-the-rules.json").toString(),
                "--bootstrap",
                "127.0.0.1:" + freePort(),
                "--timeout",
                "2");

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err()).contains("4 problems").endsWith("nothing was produced\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noKafkaIsUnavailableWithinTheTimeoutAndSaysWhatToCheck() throws Exception {
        long started = System.nanoTime();

        Cli.Run run = Cli.run(
                "apply",
                ValidateCommandTest.CONFIGS.resolve("valid-event.json").toString(),
                "--bootstrap",
                "127.0.0.1:" + freePort(),
                "--timeout",
                "2");

        assertThat(run.exitCode()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(run.err())
                .startsWith("organizer: could not produce to event-config: ")
                .contains("check --bootstrap and --topic-prefix");
        assertThat(System.nanoTime() - started).isLessThan(15_000_000_000L);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
