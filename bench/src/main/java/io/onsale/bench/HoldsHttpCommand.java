package io.onsale.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "holds-http",
        mixinStandardHelpOptions = true,
        description = "Hold decisions per second and seat-map reads per second through a running edge's HTTP API, "
                + "driven by wrk (every hold a distinct buyer), with the Kafka baseline and an HTTP baseline measured "
                + "in the same run.")
final class HoldsHttpCommand implements Callable<Integer> {
    @Mixin
    BenchOptions.Common common = new BenchOptions.Common();

    @Option(
            names = "--edge",
            defaultValue = "http://127.0.0.1:8080",
            description = "the edge (default: ${DEFAULT-VALUE})")
    java.net.URI edge;

    @Option(
            names = "--seats",
            defaultValue = "40000",
            description = "seats held for, over --sections reserved sections (default: ${DEFAULT-VALUE})")
    int seats;

    @Option(
            names = "--sections",
            defaultValue = "8",
            description = "reserved sections the seats are spread over (default: ${DEFAULT-VALUE})")
    int sections;

    @Option(
            names = "--map-seats",
            defaultValue = "400",
            description = "seats of section M: the warm-up's holds and the seat-map reads (default: ${DEFAULT-VALUE})")
    int mapSeats;

    @Option(
            names = "--orders",
            defaultValue = "seats",
            description =
                    "what each hold asks for: seats (one explicit seat, seat i mod --seats) or best-available (one seat of a section) (default: ${DEFAULT-VALUE})")
    String orders;

    @Option(
            names = "--holds",
            defaultValue = "150000",
            description =
                    "holds prepared (one buyer token each); more than --hold-seconds can use (default: ${DEFAULT-VALUE})")
    int holds;

    @Option(
            names = "--hold-seconds",
            defaultValue = "30",
            description = "how long wrk sends holds (default: ${DEFAULT-VALUE})")
    int holdSeconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "15",
            description = "unreported holds on section M first, 0 skips them (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--map-seconds",
            defaultValue = "30",
            description = "how long to read the seat map (default: ${DEFAULT-VALUE})")
    int mapSeconds;

    @Mixin
    BenchOptions.Wrk wrk = new BenchOptions.Wrk();

    @Option(
            names = "--baseline-records",
            defaultValue = "200000",
            description = "records of the Kafka baseline (default: ${DEFAULT-VALUE})")
    int baselineRecords;

    @Option(names = "--no-baseline", description = "skip the Kafka baseline")
    boolean noBaseline;

    @Override
    public Integer call() throws Exception {
        double load = Machine.loadAverage();
        HoldsHttpBenchmark.OrderKind kind = HoldsHttpBenchmark.OrderKind.valueOf(
                orders.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        try (BenchRun run = common.newRun()) {
            common.warmupRecords = Math.min(common.warmupRecords, 20_000);
            BenchSteps.Measured baseline = noBaseline
                    ? new BenchSteps.Measured(null, null)
                    : BenchSteps.measureBaseline(common, run, baselineRecords, seats);
            java.nio.file.Path work = run.stateDir("holds-http");
            java.nio.file.Files.createDirectories(work);
            int warmupHolds = warmupSeconds == 0 ? 0 : Math.max(5_000, Math.min(holds, warmupSeconds * 2_000));
            HoldsHttpBenchmark.Result result = new HoldsHttpBenchmark(new HoldsHttpBenchmark.Settings(
                            edge,
                            seats,
                            sections,
                            mapSeats,
                            kind,
                            holds,
                            warmupHolds,
                            holdSeconds,
                            warmupSeconds,
                            mapSeconds,
                            wrk.connections,
                            wrk.wrkThreads,
                            wrk.minter(),
                            work))
                    .run("bench-holds-" + run.id());
            Map<String, Object> settings = common.settings();
            settings.put("seats", seats);
            settings.put("sections", sections);
            settings.put("mapSeats", mapSeats);
            settings.put("orders", kind.name());
            settings.put("holdsPrepared", holds);
            settings.put("holdSeconds", holdSeconds);
            settings.put("warmupSeconds", warmupSeconds);
            settings.put("mapSeconds", mapSeconds);
            wrk.describe(settings);
            settings.put("baselineRecords", noBaseline ? 0 : baselineRecords);
            settings.put("edge", edge.toString());
            return BenchSteps.finish(
                    common,
                    run,
                    Report.of(
                                    "holds-http",
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
