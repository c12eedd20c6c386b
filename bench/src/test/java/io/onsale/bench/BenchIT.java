package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onsale.kafka.testing.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Both benchmarks through the CLI on a real broker, with tiny sizes: what is asserted is exactness (every input has
 * exactly one output, every hold one decision, the first hold of each seat wins), never timings.
 */
class BenchIT {

    @TempDir
    Path dir;

    @Test
    void theBaselineProducesEveryRecordAndTheMinimalProcessorForwardsEachExactlyOnce() throws Exception {
        Path report = dir.resolve("baseline.json");

        int exit = run(
                "baseline", "--records", "2000", "--keys", "500", "--warmup-records", "0", "--out", report.toString());

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("kind").asText()).isEqualTo("baseline");
        assertThat(json.path("producer").path("records").asLong()).isEqualTo(2000);
        assertThat(json.path("minimalProcessor")
                        .path("throughput")
                        .path("records")
                        .asLong())
                .isEqualTo(2000);
        assertThat(json.path("machine").path("processors").asInt()).isPositive();
        assertThat(json.path("engine").isNull()).isTrue();
    }

    @Test
    void theEngineDecidesEveryHoldOnceAndTheFirstHoldOfEachSeatWins() throws Exception {
        Path report = dir.resolve("engine.json");

        int exit = run(
                "engine",
                "--holds",
                "2000",
                "--seats",
                "500",
                "--baseline-records",
                "1000",
                "--warmup-records",
                "400",
                "--out",
                report.toString());

        assertThat(exit).isZero();
        JsonNode engine = new ObjectMapper().readTree(report.toFile()).path("engine");
        assertThat(engine.path("configure").path("records").asLong()).isEqualTo(500);
        assertThat(engine.path("decide").path("records").asLong()).isEqualTo(2000);
        assertThat(engine.path("decisions").path("HELD").asLong()).isEqualTo(500);
        assertThat(engine.path("decisions").path("REJECTED").asLong()).isEqualTo(1500);
        assertThat(engine.path("rejectReasons").path("SEAT_TAKEN").asLong()).isEqualTo(1500);
    }

    @Test
    void throughTheOrderEngineEveryOrderIsAnsweredOnceAndTheFirstOrderOfEachSeatIsHeld() throws Exception {
        Path report = dir.resolve("orders.json");

        int exit = run(
                "engine",
                "--via-orders",
                "--holds",
                "1200",
                "--seats",
                "300",
                "--no-baseline",
                "--warmup-records",
                "0",
                "--out",
                report.toString());

        assertThat(exit).isZero();
        JsonNode engine = new ObjectMapper().readTree(report.toFile()).path("engine");
        assertThat(engine.path("viaOrders").asBoolean()).isTrue();
        assertThat(engine.path("decide").path("records").asLong()).isEqualTo(1200);
        assertThat(engine.path("decisions").path("HELD").asLong()).isEqualTo(300);
        assertThat(engine.path("decisions").path("REJECTED").asLong()).isEqualTo(900);
        assertThat(engine.path("rejectReasons").path("SEAT_TAKEN").asLong()).isEqualTo(900);
    }

    private int run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Bench.commandLine().setErr(new PrintWriter(err));
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(
                new String[] {
                    "--bootstrap", RealKafka.bootstrapServers(), "--partitions", "4", "--state-dir", dir.toString()
                },
                0,
                all,
                args.length,
                6);
        int exit = cli.execute(all);
        assertThat(err.toString()).doesNotContain("bench: failed");
        return exit;
    }
}
