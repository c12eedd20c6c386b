package io.onsale.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "latency",
        mixinStandardHelpOptions = true,
        description = "One hold at a time through a running edge (every hold a distinct buyer; named seat, best "
                + "available and general admission in turn): p50/p90/p99/max of the client's round trip and where the "
                + "time goes, from the edge's Server-Timing header, with a one-message Kafka baseline (send→consumed) "
                + "measured first in the same run. The baseline's warm-up is --warmup-records, at most 500.")
final class LatencyCommand implements Callable<Integer> {
    /** Each baseline message waits for the one before: the throughput benchmarks' 100,000 would take minutes. */
    static final int MAX_BASELINE_WARMUP = 500;

    @Mixin
    BenchOptions.Common common = new BenchOptions.Common();

    @Option(
            names = "--edge",
            defaultValue = "http://127.0.0.1:8080",
            description = "the edge (default: ${DEFAULT-VALUE})")
    java.net.URI edge;

    @Option(
            names = "--holds",
            defaultValue = "500",
            description = "holds measured, one at a time (default: ${DEFAULT-VALUE})")
    int holds;

    @Option(
            names = "--warmup-holds",
            defaultValue = "200",
            description = "unreported holds first, one at a time (default: ${DEFAULT-VALUE})")
    int warmupHolds;

    @Option(
            names = "--seats",
            defaultValue = "2000",
            description = "seats of the reserved section, rows of 50 (default: ${DEFAULT-VALUE})")
    int seats;

    @Option(
            names = "--baseline-messages",
            defaultValue = "2000",
            description = "messages of the Kafka baseline, one at a time (default: ${DEFAULT-VALUE})")
    int baselineMessages;

    @Option(names = "--no-baseline", description = "skip the Kafka baseline")
    boolean noBaseline;

    @Mixin
    io.onsale.loadgen.auth.IdentityOptions identity = new io.onsale.loadgen.auth.IdentityOptions();

    @Override
    public Integer call() throws Exception {
        double load = Machine.loadAverage();
        // Checked before anything runs: a --seats too small for the run fails now, not after the baseline.
        LatencyBenchmark.Settings latency = new LatencyBenchmark.Settings(
                edge, seats, holds, warmupHolds, identity.minter(System.getenv(), java.time.Clock.systemUTC()));
        int baselineWarmup = Math.min(common.warmupRecords, MAX_BASELINE_WARMUP);
        try (BenchRun run = common.newRun()) {
            KafkaRoundTrip.Result baseline = noBaseline
                    ? null
                    : KafkaRoundTrip.run(run, baselineWarmup, baselineMessages, common.recordSize(), common.idle());
            List<LatencyBreakdown.Sample> samples = new LatencyBenchmark(latency).run("bench-latency-" + run.id());
            // Not common.settings(): no Streams app runs in this process, its commit and thread settings mean nothing.
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("holds", holds);
            settings.put("warmupHolds", warmupHolds);
            settings.put("seats", seats);
            settings.put("generalAdmissionCapacity", LatencyBenchmark.GA_CAPACITY);
            settings.put("baselineMessages", noBaseline ? 0 : baselineMessages);
            settings.put("baselineWarmupMessages", noBaseline ? 0 : baselineWarmup);
            settings.put("recordSize", common.recordSize());
            settings.put("edge", edge.toString());
            return BenchSteps.finish(
                    common,
                    run,
                    Report.of("latency", run, common.commit, settings, null, null, null, null, load)
                            .withLatency(LatencyBreakdown.of(baseline, samples)));
        }
    }
}
