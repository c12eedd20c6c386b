package io.onsale.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "queue-http",
        mixinStandardHelpOptions = true,
        description = "Joins per second and status reads per second through a running edge's HTTP API, driven by "
                + "wrk, with the Kafka baseline (one key) and an HTTP baseline measured in the same run.")
final class QueueHttpCommand implements Callable<Integer> {
    @Mixin
    BenchOptions.Common common = new BenchOptions.Common();

    @Option(
            names = "--edge",
            defaultValue = "http://127.0.0.1:8080",
            description = "the edge (default: ${DEFAULT-VALUE})")
    java.net.URI edge;

    @Option(
            names = "--joins",
            defaultValue = "100000",
            description = "buyers joining through HTTP (default: ${DEFAULT-VALUE})")
    int joins;

    @Option(
            names = "--status-buyers",
            defaultValue = "2000",
            description = "buyers whose tickets the status reads cycle through (default: ${DEFAULT-VALUE})")
    int statusBuyers;

    @Mixin
    BenchOptions.Wrk wrk = new BenchOptions.Wrk();

    @Option(
            names = "--status-seconds",
            defaultValue = "30",
            description = "how long to read statuses (default: ${DEFAULT-VALUE})")
    int statusSeconds;

    @Option(names = "--no-baseline", description = "skip the Kafka baseline")
    boolean noBaseline;

    @Override
    public Integer call() throws Exception {
        double load = Machine.loadAverage();
        try (BenchRun run = common.newRun()) {
            if (common.recordSize == null) {
                common.recordSize = BenchSteps.encodedJoinBytes();
            }
            common.warmupRecords = Math.min(common.warmupRecords, 20_000);
            BenchSteps.Measured baseline = noBaseline
                    ? new BenchSteps.Measured(null, null)
                    : BenchSteps.measureBaseline(common, run, joins, 1);
            java.nio.file.Path work = run.stateDir("queue-http");
            java.nio.file.Files.createDirectories(work);
            QueueHttpBenchmark.Result result = new QueueHttpBenchmark(new QueueHttpBenchmark.Settings(
                            edge,
                            joins,
                            statusBuyers,
                            wrk.connections,
                            wrk.wrkThreads,
                            statusSeconds,
                            wrk.minter(),
                            work))
                    .run("bench-queue-" + run.id());
            Map<String, Object> settings = common.settings();
            settings.put("joins", joins);
            settings.put("statusBuyers", statusBuyers);
            wrk.describe(settings);
            settings.put("statusSeconds", statusSeconds);
            settings.put("edge", edge.toString());
            return BenchSteps.finish(
                    common,
                    run,
                    Report.of(
                                    "queue-http",
                                    run,
                                    common.commit,
                                    settings,
                                    baseline.producer(),
                                    baseline.minimal(),
                                    null,
                                    null,
                                    load)
                            .withHttp(result.figures()));
        }
    }
}
