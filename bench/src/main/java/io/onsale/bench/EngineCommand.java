package io.onsale.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        description =
                "Unit decisions per second of the real reservation topology, with the baseline measured first in the same run.")
final class EngineCommand implements Callable<Integer> {
    @Mixin
    BenchOptions.Common common = new BenchOptions.Common();

    @Option(
            names = "--holds",
            defaultValue = "200000",
            description = "HOLD commands to decide (default: ${DEFAULT-VALUE})")
    int holds;

    @Option(names = "--seats", defaultValue = "50000", description = "seats of the event (default: ${DEFAULT-VALUE})")
    int seats;

    @Option(names = "--baseline-records", description = "records of the baseline (default: as many as --holds)")
    Integer baselineRecords;

    @Option(names = "--no-baseline", description = "measure the engine only")
    boolean noBaseline;

    @Option(
            names = "--via-orders",
            description = "send single-seat PLACE orders to order-requests and count the answers"
                    + " on order-events (the buyer's whole path through the engine) instead of HOLDs to the units")
    boolean viaOrders;

    @Override
    public Integer call() throws Exception {
        double load = Machine.loadAverage();
        try (BenchRun run = common.newRun()) {
            int records = baselineRecords != null ? baselineRecords : holds;
            BenchSteps.Measured baseline = noBaseline
                    ? new BenchSteps.Measured(null, null)
                    : BenchSteps.measureBaseline(common, run, records, seats);
            if (common.warmupRecords > 0) {
                int warmupSeats = Math.max(1, Math.min(seats, common.warmupRecords / 4));
                System.err.printf(
                        "bench: engine warm-up (not reported): %,d seats, %,d holds ...%n",
                        warmupSeats, common.warmupRecords);
                EngineBenchmark.run(
                        run,
                        "engine-warmup",
                        common.partitions,
                        common.threads,
                        common.rocksDbMemoryMb,
                        common.timing(),
                        warmupSeats,
                        common.warmupRecords,
                        viaOrders,
                        common.idle());
            }
            System.err.printf("bench: engine: configuring %,d seats, then deciding %,d holds ...%n", seats, holds);
            EngineBenchmark.Result engine = EngineBenchmark.run(
                    run,
                    "engine",
                    common.partitions,
                    common.threads,
                    common.rocksDbMemoryMb,
                    common.timing(),
                    seats,
                    holds,
                    viaOrders,
                    common.idle());
            Map<String, Object> settings = common.settings();
            settings.put("holds", holds);
            settings.put("seats", seats);
            settings.put("viaOrders", viaOrders);
            settings.put("baselineRecords", noBaseline ? 0 : records);
            return BenchSteps.finish(
                    common,
                    run,
                    Report.of(
                            "engine",
                            run,
                            common.commit,
                            settings,
                            baseline.producer(),
                            baseline.minimal(),
                            engine,
                            load));
        }
    }
}
