package io.onsale.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "queue",
        mixinStandardHelpOptions = true,
        description = "Joins per second of the real waiting-room topology (one event: one partition, one ordered "
                + "sequence), with the baseline measured first in the same run over one key.")
final class QueueCommand implements Callable<Integer> {
    @Mixin
    BenchOptions.Common common = new BenchOptions.Common();

    @Option(
            names = "--joins",
            defaultValue = "100000",
            description = "JOIN commands of distinct buyers (default: ${DEFAULT-VALUE})")
    int joins;

    @Option(names = "--no-baseline", description = "measure the waiting room only")
    boolean noBaseline;

    @Override
    public Integer call() throws Exception {
        double load = Machine.loadAverage();
        if (common.recordSize == null) {
            common.recordSize = BenchSteps.encodedJoinBytes();
        }
        try (BenchRun run = common.newRun()) {
            // One key: every join of an event is one ordered sequence, so the baseline gets one partition too.
            BenchSteps.Measured baseline = noBaseline
                    ? new BenchSteps.Measured(null, null)
                    : BenchSteps.measureBaseline(common, run, joins, 1);
            if (common.warmupRecords > 0) {
                System.err.printf("bench: waiting-room warm-up (not reported): %,d joins ...%n", common.warmupRecords);
                QueueBenchmark.run(
                        run,
                        "queue-warmup",
                        common.partitions,
                        common.threads,
                        common.rocksDbMemoryMb,
                        common.timing(),
                        common.warmupRecords,
                        common.idle());
            }
            System.err.printf("bench: waiting room: %,d joins ...%n", joins);
            QueueBenchmark.Result queue = QueueBenchmark.run(
                    run,
                    "queue",
                    common.partitions,
                    common.threads,
                    common.rocksDbMemoryMb,
                    common.timing(),
                    joins,
                    common.idle());
            Map<String, Object> settings = common.settings();
            settings.put("joins", joins);
            settings.put("baselineKeys", 1);
            return BenchSteps.finish(
                    common,
                    run,
                    Report.of(
                            "queue",
                            run,
                            common.commit,
                            settings,
                            baseline.producer(),
                            baseline.minimal(),
                            null,
                            queue,
                            load));
        }
    }
}
